using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace TextInsight.Classification.Ml;

/// <summary>Settings of the ML.NET featurizer (recorded in the model manifest).</summary>
/// <param name="WordNgrams">Longest word n-gram (over segmenter tokens).</param>
/// <param name="CharNgrams">Longest character n-gram.</param>
/// <param name="MaxWordNgrams">Most frequent word n-grams kept per length.</param>
/// <param name="MaxCharNgrams">Most frequent character n-grams kept per length.</param>
internal sealed record FeaturizerSettings(int WordNgrams, int CharNgrams, int MaxWordNgrams, int MaxCharNgrams);

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

    /// <summary>The slot names of a vector column of the featurizer's output (e.g. <c>物业|收费</c> in <c>WordGrams</c>).</summary>
    internal static string[] SlotNames(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(m => m.ToString()).ToArray();
    }
}
