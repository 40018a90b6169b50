using System.Text.Json.Nodes;
using TextInsight.Features;
using TextInsight.Jieba.Segmentation;
using TextInsight.Urgency;

namespace TextInsight.Tests.Classification;

/// <summary>
/// The model file is the contract: a saved model carries the urgency cue lists it was trained with and pins the rest of
/// its text preparation, so it scores the same under a library whose built-in lists changed, and is refused, naming
/// what differs, when the library cannot reproduce its features.
/// </summary>
public sealed class ModelContractTests
{
    // Other lists than the library's: every built-in list, plus a category of their own with a phrase the built-in lists lack.
    private static readonly UrgencyCueLexicon OtherLists = UrgencyCueLexicon.BuiltIn.With(
        lists => [.. lists, new UrgencyCueLexicon.PhraseList("vermin", CueReading.Plain, ["老鼠", "蟑螂"])],
        categories: [.. UrgencyCueLexicon.BuiltIn.Categories, "vermin"]);

    private static readonly Lazy<(TextClassifier Model, byte[] Saved)> s_trained = new(() =>
    {
        // Vermin messages are told apart from noise ones only by words; the cue feature is one more the model weighs.
        var examples = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? new LabelledText(null, $"{i}号楼地下室老鼠成群，蟑螂到处爬", ["vermin"])
            : new LabelledText(null, $"{i}号楼楼下工地夜间施工噪音扰民", ["noise"]));
        TextClassifier model = FeedbackTrainer.TrainCustom(examples,
            new FeedbackTrainerOptions { Folds = 2, SemanticDimensions = 0, MaxDegreeOfParallelism = 1, CueLexicon = OtherLists }).Model;
        using var saved = new MemoryStream();
        model.Save(saved);
        return (model, saved.ToArray());
    });

    private static readonly string[] Probes = ["小区垃圾站老鼠很多，晚上还有蟑螂", "工地半夜还在施工", "楼道里现在满是煤气味，老鼠乱窜"];

    [Fact]
    public void A_model_is_scored_with_the_cue_lists_it_was_trained_with_not_the_librarys_own()
    {
        (TextClassifier trained, byte[] saved) = s_trained.Value;
        TextClassifier loaded = TextClassifier.Load(new MemoryStream(saved));

        // The library's own lists would count other features for these messages ...
        Assert.NotEqual(UrgencyCueLexicon.BuiltIn.Fingerprint, OtherLists.Fingerprint);
        Assert.Equal(UrgencyCueLexicon.BuiltIn.FeatureCount + 1, OtherLists.FeatureCount);
        // ... but the loaded model counts with its own, finds their phrases, and scores exactly as the model it was saved from.
        Assert.Equal(OtherLists.Fingerprint, loaded.Runtime.Extractor.Lexicon.Fingerprint);
        Assert.Contains(loaded.Runtime.Score(null, Probes[0]).Message.Cues, c => c.Phrase == "老鼠" && c.Category == "vermin");
        foreach (string probe in Probes)
        {
            LabelResult before = trained.Classify(null, probe), after = loaded.Classify(null, probe);
            Assert.Equal(before.Labels, after.Labels);
            Assert.Equal(before.Scores.Select(s => s.Probability), after.Scores.Select(s => s.Probability));
            Assert.Equal(before.Cues.Select(c => (c.Text, c.Weight)), after.Cues.Select(c => (c.Text, c.Weight)));
        }
    }

    [Fact]
    public void The_package_records_what_shaped_its_features()
    {
        byte[] saved = s_trained.Value.Saved;
        JsonNode manifest = JsonNode.Parse(FeedbackClassifierTests.ReadEntry(saved, "manifest.json"))!;

        Assert.Equal(OtherLists.Fingerprint, manifest["cueLexicon"]!.GetValue<string>());
        Assert.Equal(OtherLists.FeatureCount, manifest["cueFeatures"]!.GetValue<int>());
        Assert.Equal(OtherLists.ToText(), FeedbackClassifierTests.ReadEntry(saved, "cues.txt"));
        Assert.Equal(JiebaSegmenter.BuiltInFingerprint, manifest["segmenter"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", manifest["segmenter"]!.GetValue<string>());
        Assert.Equal(10 * manifest["maxChars"]!.GetValue<int>(), manifest["transcriptScanChars"]!.GetValue<int>());
        Assert.True(manifest["normalizerRules"]!.GetValue<int>() >= 1);
        Assert.True(manifest["transcriptRules"]!.GetValue<int>() >= 1);
    }

    [Theory]
    [InlineData("normalizerRules", 99, "other text normalisation rules (version 99)")]
    [InlineData("transcriptRules", 99, "other transcript rules (version 99)")]
    [InlineData("segmenter", "00000000000000ff", "other segmenter (dictionary, HMM and cutting rules) (00000000000000ff)")]
    [InlineData("transcriptScanChars", 5, "other transcript scan limit (5 characters)")]
    public void A_model_whose_text_preparation_the_library_cannot_reproduce_is_refused_naming_it(string field, object value, string expected)
    {
        byte[] saved = s_trained.Value.Saved;
        JsonNode manifest = JsonNode.Parse(FeedbackClassifierTests.ReadEntry(saved, "manifest.json"))!;
        manifest[field] = value is int n ? JsonValue.Create(n) : JsonValue.Create((string)value);

        var e = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(FeedbackClassifierTests.ReplaceEntry(saved, "manifest.json", manifest.ToJsonString()))));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("retrain it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cue_lists_written_for_other_reading_rules_or_not_matching_the_manifest_are_refused()
    {
        byte[] saved = s_trained.Value.Saved;
        string cues = FeedbackClassifierTests.ReadEntry(saved, "cues.txt");

        string laterRules = cues.Replace($"rules={UrgencyCueLexicon.RulesVersion}\n", $"rules={UrgencyCueLexicon.RulesVersion + 1}\n", StringComparison.Ordinal);
        var rules = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(FeedbackClassifierTests.ReplaceEntry(saved, "cues.txt", laterRules))));
        Assert.Contains($"reading rules version {UrgencyCueLexicon.RulesVersion + 1}", rules.Message, StringComparison.Ordinal);

        string edited = cues.Replace("老鼠|", "", StringComparison.Ordinal);
        var corrupt = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(FeedbackClassifierTests.ReplaceEntry(saved, "cues.txt", edited))));
        Assert.Contains("is not the cue lists the manifest records", corrupt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cue_lists_read_back_from_their_text_find_the_same_cues()
    {
        UrgencyCueLexicon read = UrgencyCueLexicon.Parse(UrgencyCueLexicon.BuiltIn.ToText());

        Assert.Equal(UrgencyCueLexicon.BuiltIn.Fingerprint, read.Fingerprint);
        var segmenter = JiebaSegmenter.Create();
        foreach (string text in (string[])["楼道里现在满是煤气味", "去年我被城管打伤，至今没有赔偿", "全体业主决定下周一起到市政府上访", "马上就要过年了，农民工的工资还没有发"])
        {
            bool[] boundaries = FeatureExtractor.WordBoundaries(segmenter, text);
            Assert.Equal(UrgencyCueLexicon.BuiltIn.Find(text, boundaries), read.Find(text, boundaries));
        }
    }

    [Theory]
    [InlineData("", "first line")]
    [InlineData("textinsight-urgency-cues 1\nrules=1\n", "'categories=' is missing")]
    [InlineData("textinsight-urgency-cues 1\nno equals sign\n", "not a key=items line")]
    public void Malformed_cue_lists_are_a_format_error(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => UrgencyCueLexicon.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}

/// <summary>What a model file says of itself, read without loading it.</summary>
public sealed class ModelInfoTests
{
    [Fact]
    public void A_custom_model_file_tells_its_kind_labels_and_what_shaped_it()
    {
        var examples = Enumerable.Range(0, 20).Select(i => new LabelledText(null, i % 2 == 0 ? $"小区{i}号楼停水了" : $"请问{i}路公交几点发车", [i % 2 == 0 ? "water" : "bus"]));
        TextClassifier model = FeedbackTrainer.TrainCustom(examples, new FeedbackTrainerOptions { Folds = 2, SemanticDimensions = 0, MaxDegreeOfParallelism = 1 }).Model;
        using var saved = new MemoryStream();
        model.Save(saved);
        saved.Position = 0;

        ModelInfo info = ModelInfo.Read(saved);

        Assert.Equal(ModelKind.Custom, info.Kind);
        Assert.True(info.IsSupportedFormat);
        ModelTaskInfo task = Assert.Single(info.Tasks);
        Assert.Equal(("label", false), (task.Name, task.MultiLabel));
        Assert.Equal(["bus", "water"], task.Labels);
        Assert.Equal(UrgencyCueLexicon.BuiltIn.Fingerprint, info.CueListsFingerprint);
        Assert.Equal(JiebaSegmenter.BuiltInFingerprint, info.SegmenterFingerprint);
        Assert.Equal("20", info.TrainingInfo["examples"]);
        Assert.Equal(info.Tasks.Select(t => (t.Name, string.Join(",", t.Labels))), model.Info.Tasks.Select(t => (t.Name, string.Join(",", t.Labels))));
    }

    [Fact]
    public void The_shipped_model_is_a_feedback_model_of_this_format()
    {
        ModelInfo info = FeedbackClassifier.LoadDefault().Info;
        Assert.Equal(ModelKind.Feedback, info.Kind);
        Assert.Equal(["topics", "primary", "urgency"], info.Tasks.Select(t => t.Name));
        Assert.Equal(ModelFormatException.SupportedFormatVersion, info.FormatVersion);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_format_error()
    {
        Assert.Throws<ModelFormatException>(() => ModelInfo.Read(new MemoryStream("not a model"u8.ToArray())));
        string manifest = """{"format":"TextInsight.Model","formatVersion":2,"kind":"mystery"}""";
        var unknown = Assert.Throws<ModelFormatException>(() => ModelInfo.Read(new MemoryStream(Zip("manifest.json", manifest))));
        Assert.Contains("unknown model kind 'mystery'", unknown.Message, StringComparison.Ordinal);
    }

    private static byte[] Zip(string name, string text)
    {
        var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry(name).Open()))
        {
            w.Write(text);
        }

        return ms.ToArray();
    }
}
