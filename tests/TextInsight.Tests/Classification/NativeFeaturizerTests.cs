using System.IO.Compression;
using Microsoft.ML.Data;
using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Features;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>
/// The native featurizer must compute ML.NET's features: checked feature by feature on messages the
/// model never saw (unknown words, other lengths), against the same package read through ML.NET.
/// </summary>
[Trait("Category", "Training")]
public sealed class NativeFeaturizerTests
{
    private static readonly Lazy<(TextClassifier Model, byte[] Package)> s_trained = new(() =>
    {
        List<LabelledText> data = SharedData.Departments().Take(400).ToList();
        TextClassifier model = FeedbackTrainer.TrainCustom(data, new FeedbackTrainerOptions { Folds = 2, Seed = 3 }).Model;
        using var ms = new MemoryStream();
        model.Save(ms);
        return (model, ms.ToArray());
    });

    [Fact]
    public void Training_keeps_a_native_featurizer_only_after_reproducing_mlnet_on_every_training_message()
    {
        TextClassifier model = s_trained.Value.Model;
        Assert.True(model.Runtime.IsNative);
        Assert.StartsWith("native, verified against ML.NET: max |difference|", model.Runtime.Manifest.Training["featurizer"], StringComparison.Ordinal);
        Assert.EndsWith("over 400 training messages", model.Runtime.Manifest.Training["featurizer"], StringComparison.Ordinal);
    }

    [Fact]
    public void Native_features_equal_mlnet_features_on_unseen_messages()
    {
        (TextClassifier native, byte[] package) = s_trained.Value;
        TextClassifier viaMlNet = TextClassifier.Load(new MemoryStream(Without(package, "ngrams.bin")));
        Assert.False(viaMlNet.Runtime.IsNative);

        List<LabelledText> unseen = SharedData.Departments().Skip(400).Take(300).ToList();
        unseen.Add(new LabelledText(null, "", ["x"]));
        unseen.Add(new LabelledText("标题", "只有一个生僻词：龘。ABC abc 123 ４５６ 😀 \ud800 末尾", ["x"]));
        int compared = 0;
        foreach (LabelledText e in unseen)
        {
            VBuffer<float> a = native.Runtime.Score(e.Title, e.Text).Features;
            VBuffer<float> b = viaMlNet.Runtime.Score(e.Title, e.Text).Features;
            Assert.Equal(b.Length, a.Length);
            float[] da = new float[a.Length], db = new float[b.Length];
            a.CopyTo(da);
            b.CopyTo(db);
            for (int i = 0; i < da.Length; i++)
            {
                Assert.True(Math.Abs(da[i] - db[i]) <= 1e-5, $"feature {i} of '{e.Title}': native {da[i]}, ML.NET {db[i]}");
            }

            compared += db.Count(v => v != 0);
        }

        Assert.True(compared > 100_000, $"only {compared} non-zero features compared");
    }

    [Fact]
    public void The_shipped_model_scores_natively_with_the_results_of_its_mlnet_featurizer()
    {
        FeedbackClassifier shipped = FeedbackClassifier.LoadDefault();
        Assert.True(shipped.Runtime.IsNative);
        using var ms = new MemoryStream();
        shipped.Save(ms);
        FeedbackClassifier viaMlNet = FeedbackClassifier.Load(new MemoryStream(Without(ms.ToArray(), "ngrams.bin")));
        Assert.False(viaMlNet.Runtime.IsNative);

        static string Decisions(FeedbackResult r) => $"{r.Primary}|{string.Join(",", r.Topics)}|{r.Urgency}";
        static double[] Scores(FeedbackResult r) => [.. r.PrimaryScores.Concat(r.TopicScores).Concat(r.UrgencyScores).Select(s => s.Probability)];

        // The two featurizers agree to float rounding (~1e-7), so decisions and cues are equal and every
        // probability agrees far below the 4 decimals the CLI prints (comparing printed strings would fail
        // whenever a value sits on a rounding boundary). Equal contributions are listed in feature order,
        // so float noise does not reorder the cues either.
        foreach (LabelledFeedback e in SharedData.Taxonomy().Where((_, i) => i % 10 == 0))
        {
            FeedbackResult expected = viaMlNet.Classify(e.Title, e.Text), actual = shipped.Classify(e.Title, e.Text);
            Assert.Equal(Decisions(expected), Decisions(actual));
            Assert.Equal(Scores(expected), Scores(actual), (a, b) => Math.Abs(a - b) < 1e-5);
            Assert.Equal(expected.Cues.Select(c => c.Text), actual.Cues.Select(c => c.Text));
        }
    }

    [Fact]
    public void A_corrupt_vocabulary_is_a_model_format_error()
    {
        byte[] package = s_trained.Value.Package;
        byte[] truncated = Replace(package, "ngrams.bin", [.. Entry(package, "ngrams.bin").Take(1000)]);
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(truncated)));
        Assert.Contains("ngrams.bin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_semantic_coordinates_follow_the_ngram_features_and_travel_in_the_package()
    {
        (TextClassifier model, byte[] package) = s_trained.Value;
        Assert.StartsWith("256 latent coordinates", model.Runtime.Manifest.Training["semantic"], StringComparison.Ordinal);
        VBuffer<float> features = model.Runtime.Score("停水", "小区停水三天了，请尽快恢复供水。").Features;
        float[] dense = new float[features.Length];
        features.CopyTo(dense);
        Assert.Equal(model.Runtime.Manifest.FeatureDimension, dense.Length);
        Assert.Equal(0.5, System.Numerics.Tensors.TensorPrimitives.Norm(dense.AsSpan(dense.Length - 256)), 3);

        VBuffer<float> reloaded = TextClassifier.Load(new MemoryStream(package)).Runtime.Score("停水", "小区停水三天了，请尽快恢复供水。").Features;
        float[] again = new float[reloaded.Length];
        reloaded.CopyTo(again);
        Assert.Equal(dense, again);
    }

    [Fact]
    public void A_corrupt_or_missing_semantic_space_is_a_model_format_error()
    {
        byte[] package = s_trained.Value.Package;
        byte[] truncated = Replace(package, "semantic.bin", [.. Entry(package, "semantic.bin").Take(1000)]);
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(truncated)));
        Assert.Contains("semantic.bin", error.Message, StringComparison.Ordinal);

        // Without it the n-gram features are fewer than the heads expect.
        error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(Without(package, "semantic.bin"))));
        Assert.Contains("n-gram features", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Entry(byte[] zipBytes, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var ms = new MemoryStream();
        zip.GetEntry(name)!.Open().CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Without(byte[] zipBytes, string name)
    {
        var ms = new MemoryStream();
        ms.Write(zipBytes);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)!.Delete();
        }

        return ms.ToArray();
    }

    private static byte[] Replace(byte[] zipBytes, string name, byte[] content)
    {
        var ms = new MemoryStream(Without(zipBytes, name).Length + content.Length);
        ms.Write(Without(zipBytes, name));
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            using Stream s = zip.CreateEntry(name).Open();
            s.Write(content);
        }

        return ms.ToArray();
    }
}
