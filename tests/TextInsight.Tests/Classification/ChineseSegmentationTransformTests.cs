using Microsoft.ML;
using Microsoft.ML.Data;
using TextInsight.Jieba.Segmentation;
using TextInsight.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TextInsight.Tests.Classification;

/// <summary>
/// <c>mlContext.Transforms.Text.SegmentChineseWords</c> in a plain ML.NET pipeline: what ML.NET's n-gram and bag-of-words
/// transforms accept, saved and reloaded inside an ML.NET model, and measured against ML.NET's whitespace tokenizer.
/// </summary>
[Trait("Category", "Training")]
public sealed class ChineseSegmentationTransformTests(ITestOutputHelper output)
{
    private sealed class Row
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];
    }

    private static List<Row> Departments() =>
        [.. SharedData.Departments().Select(e => new Row { Text = (e.Title ?? "") + "。" + e.Text, Label = e.Labels[0] })];

    // Words → keys → word 1-2-grams (TF-IDF) → maximum entropy over the departments.
    private static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> words) =>
        words.Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "WordKeys", ngramLength: 2, weighting: Microsoft.ML.Transforms.Text.NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0.01f, l2Regularization: 0.01f))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));

    [Fact]
    public void A_segmenting_pipeline_saves_reloads_and_predicts_the_same()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(Departments());
        ITransformer model = Pipeline(ml, ml.Transforms.Text.SegmentChineseWords("Words", "Text")).Fit(data);

        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);
        saved.Position = 0;
        MLContext reader = new MLContext(seed: 2).RegisterChineseSegmentation();
        ITransformer loaded = reader.Model.Load(saved, out _);

        Prediction[] before = [.. ml.Data.CreateEnumerable<Prediction>(model.Transform(data), reuseRowObject: false).Take(200)];
        Prediction[] after = [.. reader.Data.CreateEnumerable<Prediction>(loaded.Transform(data), reuseRowObject: false).Take(200)];
        Assert.Equal(before.Select(p => p.PredictedLabel), after.Select(p => p.PredictedLabel));
        Assert.Equal(before.Select(p => p.Score), after.Select(p => p.Score));
    }

    [Theory]
    [InlineData(CutMode.Precise, new[] { "我", "来到", "北京", "清华大学" })]
    [InlineData(CutMode.Search, new[] { "我", "来到", "北京", "清华", "华大", "大学", "清华大学" })]
    public void The_words_are_the_segmenters_and_bag_of_words_transforms_accept_them(CutMode mode, string[] expected)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable([new Row { Text = "我来到 北京清华大学" }, new Row { Text = "" }]);
        IDataView words = ml.Transforms.Text.SegmentChineseWords("Words", "Text", mode).Fit(data).Transform(data);

        VBuffer<ReadOnlyMemory<char>>[] rows = [.. words.GetColumn<VBuffer<ReadOnlyMemory<char>>>("Words")];
        Assert.Equal(expected, rows[0].DenseValues().Select(w => w.ToString()));
        Assert.Empty(rows[1].DenseValues());
        Assert.Equal(["Text", "Label", "Words"], words.Schema.Where(c => !c.IsHidden).Select(c => c.Name));   // only the words column is added

        IDataView bags = ml.Transforms.Text.ProduceWordBags("Bag", "Words").Fit(words).Transform(words);
        Assert.True(((VectorDataViewType)bags.Schema["Bag"].Type).Size >= expected.Length);
        var featurize = new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options { CharFeatureExtractor = null, WordFeatureExtractor = new() { NgramLength = 1 } };
        IDataView featurized = ml.Transforms.Text.FeaturizeText("Featurized", featurize, "Words").Fit(words).Transform(words);
        Assert.True(((VectorDataViewType)featurized.Schema["Featurized"].Type).Size >= expected.Length);
    }

    [Fact]
    public void Cross_validated_the_segmented_words_beat_the_whitespace_tokenizer_on_the_departments()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(Departments());
        (double Mean, double Sd) Cv(IEstimator<ITransformer> words)
        {
            double[] micro = [.. ml.MulticlassClassification.CrossValidate(data, Pipeline(ml, words), numberOfFolds: 5, labelColumnName: "Label", seed: 1)
                .Select(f => f.Metrics.MicroAccuracy)];
            double mean = micro.Average();
            return (mean, Math.Sqrt(micro.Sum(m => (m - mean) * (m - mean)) / (micro.Length - 1)));
        }

        (double segMean, double segSd) = Cv(ml.Transforms.Text.SegmentChineseWords("Words", "Text"));
        (double wsMean, double wsSd) = Cv(ml.Transforms.Text.TokenizeIntoWords("Words", "Text"));
        output.WriteLine(FormattableString.Invariant($"5-fold micro-F1 on dept7 ({data.GetRowCount() ?? -1} rows): SegmentChineseWords {segMean:0.000} ± {segSd:0.000}, TokenizeIntoWords {wsMean:0.000} ± {wsSd:0.000}"));
        Assert.True(segMean > wsMean + 0.05, $"segmented {segMean:0.000}, whitespace {wsMean:0.000}");
    }
}
