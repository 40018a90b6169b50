using System.IO.Compression;
using System.Text;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>The public classification API on the shipped default model.</summary>
public sealed class FeedbackClassifierTests
{
    private static FeedbackClassifier Model => FeedbackClassifier.LoadDefault();

    [Fact]
    public void The_default_model_is_embedded_and_names_its_labels_as_the_taxonomy_does()
    {
        FeedbackResult r = Model.Classify("小区物业乱收费", "物业公司今年把停车费从每月100元涨到200元，也没开业主大会，多次反映无果。");
        Assert.Equal(FeedbackTopic.Livelihood, r.Primary); // property fees are livelihood in TAXONOMY.md
        Assert.Equal(["high", "medium", "low"], r.UrgencyScores.Select(s => s.Label));
        Assert.Equal(["livelihood", "land", "employment", "style", "other"], r.PrimaryScores.Select(s => s.Label));
        Assert.Equal(1.0, r.PrimaryScores.Sum(s => s.Probability), 3);
        Assert.Equal(1.0, r.UrgencyScores.Sum(s => s.Probability), 3);
        Assert.True(r.Primary == FeedbackTopic.Other ? r.Topics.Count == 0 : r.Topics.Contains(r.Primary));
        Assert.Contains(r.Cues, c => c.Kind == CueKind.UrgencyPhrase && c.Text == "多次反映" && c.Label == "repeated-reports");
        Assert.Contains(r.Cues, c => c.Kind == CueKind.ModelTerm && c.Weight > 0);
    }

    [Fact]
    public void A_danger_stated_as_absent_is_not_shown_as_urgency_evidence()
    {
        FeedbackResult r = Model.Classify(null, "昨晚小区地下车库失火，幸无人员伤亡，但消防通道一直被堵。");

        Assert.Contains(r.Cues, c => c.Kind == CueKind.UrgencyPhrase && c.Text == "失火" && c.Label == "fire-gas");
        Assert.DoesNotContain(r.Cues, c => c.Kind == CueKind.UrgencyPhrase && c.Text == "伤亡");
    }

    [Fact]
    public void Reported_probabilities_are_the_calibrated_raw_ones_while_decisions_use_the_raw_ones()
    {
        TextInsight.Classification.Scoring.ModelRuntime runtime = Model.Runtime;
        Assert.All(runtime.Manifest.Tasks, t => Assert.NotEmpty(t.Calibration)); // the shipped model is calibrated
        int topics = runtime.TaskIndex("topics"), primary = runtime.TaskIndex("primary"), urgency = runtime.TaskIndex("urgency");
        string[] messages =
        [
            "小区物业乱收费，停车费从每月100元涨到200元，多次反映无果。",
            "老板拖欠我们三十多个农民工的工资，马上过年了，大家准备去市政府讨说法。",
            "村干部把集体土地租给亲戚，征地补偿款至今没有公开。",
            "楼道里燃气管道漏气，味道很大，老人小孩都在家，请马上派人来。",
            "建议在公园多设几个垃圾桶。",
        ];
        bool anyDiffers = false;
        foreach (string text in messages)
        {
            var scored = runtime.Score(null, text);
            FeedbackResult r = Model.Classify(text);
            IReadOnlyList<double> c = runtime.Manifest.Tasks[urgency].Calibration;
            double[] expected = TextInsight.Classification.ProbabilityCalibration.ApplySoftmax(scored.Probabilities[urgency], [.. c]);
            Assert.Equal(expected.Select(v => Math.Round(v, 6)), r.UrgencyScores.Select(x => x.Probability));
            anyDiffers |= Math.Abs(expected[0] - scored.Probabilities[urgency][0]) > 1e-3;

            (int p, bool[] flags, int u) = TextInsight.Classification.DefaultDecision.Decide(scored.Probabilities[topics], scored.Probabilities[primary], scored.Probabilities[urgency],
                runtime.Manifest.Tasks[topics].Thresholds, runtime.Manifest.Tasks[primary].Thresholds, runtime.Manifest.Tasks[urgency].Thresholds);
            Assert.Equal(FeedbackTopic.PrimaryLabels[p], r.Primary);
            Assert.Equal(UrgencyLevel.Levels[u], r.Urgency);
            Assert.Equal(FeedbackTopic.Topics.Where((_, k) => flags[k]), r.Topics);
        }

        Assert.True(anyDiffers, "calibration changed no probability: it would be a no-op");
    }

    [Fact]
    public void A_transcript_is_classified_on_the_callers_turns_unless_handling_is_off()
    {
        const string transcript = "坐席：您好，12345热线，请讲。来电人：嗯，那个，我们村的宅基地被邻居强行占了，村干部也不管。坐席：好的，帮您记录。";
        const string callerOnly = "我们村的宅基地被邻居强行占了，村干部也不管。";
        static double[] Scores(FeedbackResult r) => [.. r.PrimaryScores.Select(s => s.Probability), .. r.UrgencyScores.Select(s => s.Probability)];

        Assert.NotNull(Model.Transcripts);
        Assert.Equal(Scores(Model.Classify(callerOnly)), Scores(Model.Classify(transcript)));
        FeedbackClassifier prose = Model.WithTranscripts(null);
        Assert.Null(prose.Transcripts);
        Assert.NotEqual(Scores(prose.Classify(callerOnly)), Scores(prose.Classify(transcript)));
        // The copy shares the model; the original keeps its handling.
        Assert.NotNull(Model.Transcripts);
    }

    [Fact]
    public void Null_text_throws_and_empty_or_whitespace_text_is_other_and_low()
    {
        Assert.Throws<ArgumentNullException>(() => Model.Classify(null!));
        Assert.Throws<ArgumentNullException>(() => Model.Classify("标题", null!));
        foreach (string empty in new[] { "", "   ", "\u3000\t\n", "<p></p>", "\u200b" })
        {
            FeedbackResult r = Model.Classify(empty);
            Assert.Equal(FeedbackTopic.Other, r.Primary);
            Assert.Empty(r.Topics);
            Assert.Equal(UrgencyLevel.Low, r.Urgency);
        }
    }

    [Fact]
    public void Sixteen_threads_sharing_one_classifier_match_sequential_results()
    {
        List<FeedbackMessage> messages = SharedData.Taxonomy().Skip(200).Take(64).Select(e => new FeedbackMessage(e.Title, e.Text)).ToList();
        string[] expected = messages.Select(m => Describe(Model.Classify(m.Title, m.Text))).ToArray();
        var results = new string[16][];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
            results[t] = messages.Select(m => Describe(Model.Classify(m.Title, m.Text))).ToArray());
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Save_then_load_gives_identical_results()
    {
        using var stream = new MemoryStream();
        Model.Save(stream);
        stream.Position = 0;
        FeedbackClassifier copy = FeedbackClassifier.Load(stream);
        foreach (LabelledFeedback e in SharedData.Taxonomy().Take(40))
        {
            Assert.Equal(Describe(Model.Classify(e.Title, e.Text)), Describe(copy.Classify(e.Title, e.Text)));
        }
    }

    [Fact]
    public void Corrupt_truncated_foreign_and_newer_model_files_raise_ModelFormatException()
    {
        using var good = new MemoryStream();
        Model.Save(good);
        byte[] bytes = good.ToArray();

        var truncated = Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Contains($"this library reads version {ModelFormatException.SupportedFormatVersion}", truncated.Message, StringComparison.Ordinal);

        Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(Encoding.UTF8.GetBytes("not a model"))));

        var foreign = Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(Zip(("readme.txt", "hello")))));
        Assert.Contains("no manifest.json", foreign.Message, StringComparison.Ordinal);

        string manifest = ReadEntry(bytes, "manifest.json").Replace($"\"formatVersion\": {ModelFormatException.SupportedFormatVersion}", "\"formatVersion\": 7", StringComparison.Ordinal);
        var newer = Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(ReplaceEntry(bytes, "manifest.json", manifest))));
        Assert.Equal(7, newer.FormatVersion);
        Assert.Contains("newer TextInsight", newer.Message, StringComparison.Ordinal);

        var custom = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes)));
        Assert.Contains("FeedbackClassifier", custom.Message, StringComparison.Ordinal);

        byte[] heads = [.. ReadEntryBytes(bytes, "heads.bin").Take(100)];
        Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(ReplaceEntry(bytes, "heads.bin", heads))));
    }

    [Fact]
    public void Feature_names_stored_in_the_package_give_the_same_cues_as_names_read_from_the_featurizer()
    {
        using var good = new MemoryStream();
        Model.Save(good);
        byte[] bytes = good.ToArray();
        Assert.NotEmpty(ReadEntryBytes(bytes, "slots.bin"));

        // A package without slots.bin (written before it existed) reads the names from ngrams.bin, or
        // through ML.NET when it has no ngrams.bin either.
        static string Cues(FeedbackResult r) => string.Join("; ", r.Cues.Select(c => $"{c.Kind}:{c.Text}:{c.Label}:{c.Weight}"));
        foreach (string[] removed in new[] { new[] { "slots.bin" }, new[] { "slots.bin", "ngrams.bin" } })
        {
            var ms = new MemoryStream();
            ms.Write(bytes);
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
            {
                foreach (string entry in removed)
                {
                    zip.GetEntry(entry)!.Delete();
                }
            }

            FeedbackClassifier withoutSlots = FeedbackClassifier.Load(new MemoryStream(ms.ToArray()));
            foreach (LabelledFeedback e in SharedData.Taxonomy().Take(60))
            {
                FeedbackResult a = Model.Classify(e.Title, e.Text), b = withoutSlots.Classify(e.Title, e.Text);
                Assert.Equal(Describe(a), Describe(b));
                Assert.Equal(Cues(a), Cues(b));
                Assert.Contains(a.Cues, c => c.Kind == CueKind.ModelTerm);
            }
        }

        byte[] corrupt = ReplaceEntry(bytes, "slots.bin", [5, 0, 0, 0, 1, 2]);
        var error = Assert.Throws<ModelFormatException>(() => FeedbackClassifier.Load(new MemoryStream(corrupt)));
        Assert.Contains("slots.bin", error.Message, StringComparison.Ordinal);
    }

    private static string Describe(FeedbackResult r) =>
        $"{r.Primary}|{string.Join(",", r.Topics)}|{r.Urgency}|{string.Join(",", r.PrimaryScores.Select(s => s.Probability.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)))}";

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, string text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        return ms.ToArray();
    }

    private static byte[] ReadEntryBytes(byte[] zipBytes, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var ms = new MemoryStream();
        zip.GetEntry(name)!.Open().CopyTo(ms);
        return ms.ToArray();
    }

    internal static string ReadEntry(byte[] zipBytes, string name) => Encoding.UTF8.GetString(ReadEntryBytes(zipBytes, name));

    internal static byte[] ReplaceEntry(byte[] zipBytes, string name, string text) => ReplaceEntry(zipBytes, name, Encoding.UTF8.GetBytes(text));

    private static byte[] ReplaceEntry(byte[] zipBytes, string name, byte[] content)
    {
        var ms = new MemoryStream();
        ms.Write(zipBytes);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)!.Delete();
            using Stream s = zip.CreateEntry(name).Open();
            s.Write(content);
        }

        return ms.ToArray();
    }
}
