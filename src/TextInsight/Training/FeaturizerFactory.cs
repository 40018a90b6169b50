using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

using TextInsight.Classification.Package;

namespace TextInsight.Training;

/// <summary>
/// The ML.NET featurizer: TF-IDF word 1..n-grams of the segmented text and TF-IDF character 1..n-grams,
/// each block L2-normalised so neither dominates, concatenated with the urgency cue counts.
/// </summary>
internal static class FeaturizerFactory
{
    internal static IEstimator<ITransformer> Create(MLContext ml, FeaturizerSettings s) =>
        ml.Transforms.Text.ProduceWordBags("WordGrams", "Words", ngramLength: s.WordNgrams, useAllLengths: true,
                maximumNgramsCount: s.MaxWordNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf)
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("CharKeys", "Chars", useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceNgrams("CharGrams", "CharKeys", ngramLength: s.CharNgrams, useAllLengths: true,
                maximumNgramsCount: s.MaxCharNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("WordGrams"))
            .Append(ml.Transforms.NormalizeLpNorm("CharGrams"))
            .Append(ml.Transforms.Concatenate("Features", "WordGrams", "CharGrams", "Cues"));
}
