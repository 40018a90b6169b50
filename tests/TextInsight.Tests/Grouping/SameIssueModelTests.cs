using System.IO.Compression;
using System.Text;
using TextInsight.Grouping;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Grouping;

/// <summary>The same-issue pair model: what it decides on clear pairs, its file contract, and refusals.</summary>
public sealed class SameIssueModelTests
{
    private static readonly Dictionary<string, IssueMessage> Samples = SampleIssues.Messages().ToDictionary(m => m.Id);

    [Fact]
    public void Repeats_of_one_issue_score_same_and_other_issues_do_not()
    {
        SameIssueModel model = SameIssueModel.Default;
        Assert.True(model.Score(Samples["H008"], Samples["H009"]) >= model.Threshold);   // the same site's night piling
        Assert.True(model.Score(Samples["H030"], Samples["H031"]) >= model.Threshold);   // the same estate's water cut
        Assert.True(model.Score(Samples["H008"], Samples["H016"]) < model.Threshold);    // noise vs unpaid wages
        Assert.True(model.Score(Samples["H033"], Samples["H029"]) < model.Threshold);    // hospital touts vs a bus stop
        Assert.True(model.Score(Samples["H025"], Samples["H028"]) < model.Threshold);    // one village: compensation vs a cadre's manner (related)
    }

    [Fact]
    public void Scores_are_symmetric_probabilities_and_a_copy_is_the_same_issue()
    {
        SameIssueModel model = SameIssueModel.Default;
        IssueMessage[] all = [.. Samples.Values];
        for (int i = 0; i < all.Length; i += 3)
        {
            for (int j = 1; j < all.Length; j += 5)
            {
                double ab = model.Score(all[i], all[j]);
                Assert.InRange(ab, 0, 1);
                Assert.Equal(ab, model.Score(all[j], all[i]), 12);
            }

            Assert.True(model.Score(all[i], all[i] with { Id = "copy" }) >= model.Threshold, all[i].Id);
        }
    }

    [Fact]
    public void A_saved_model_loads_and_scores_identically()
    {
        using var stream = new MemoryStream();
        SameIssueModel.Default.WithThreshold(0.7).Save(stream);
        stream.Position = 0;
        SameIssueModel loaded = SameIssueModel.Load(stream);

        Assert.Equal(0.7, loaded.Threshold);
        Assert.Equal(SameIssueModel.Default.Weights, loaded.Weights);
        foreach ((string a, string b) in new[] { ("H001", "H002"), ("H008", "H016"), ("H030", "H032") })
        {
            Assert.Equal(SameIssueModel.Default.Score(Samples[a], Samples[b]), loaded.Score(Samples[a], Samples[b]), 12);
        }
    }

    [Fact]
    public void Files_that_are_not_same_issue_models_are_refused_with_the_reason()
    {
        ModelFormatException garbage = Assert.Throws<ModelFormatException>(() => SameIssueModel.Load(new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "garbage"));
        Assert.Contains("garbage", garbage.Message, StringComparison.Ordinal);

        ModelFormatException classifier = Assert.Throws<ModelFormatException>(() => SameIssueModel.Load(Path.Combine(TestPaths.RepoRoot, "models", "default-model.zip")));
        Assert.Contains("not a same-issue model", classifier.Message, StringComparison.Ordinal);

        Assert.Contains("other pair features", Refusal(m => m.Replace("\"char_cosine\"", "\"char_cosine_v2\"", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("normalisation rules", Refusal(m => m.Replace("\"normalizerRules\": 1", "\"normalizerRules\": 99", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("segmenter", Refusal(m => m.Replace("\"segmenter\": \"", "\"segmenter\": \"0", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("threshold", Refusal(m => m.Replace("\"threshold\": 0.", "\"threshold\": 3.", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("frequencies.bin", Refusal(m => m.Replace("\"frequencyBits\": 20", "\"frequencyBits\": 19", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("semantic.bin has 128 dimensions", Refusal(m => m.Replace("\"semanticDimensions\": 128", "\"semanticDimensions\": 64", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("no semantic.bin", Refusal(m => m, zip => zip.GetEntry("semantic.bin")!.Delete()).Message, StringComparison.Ordinal);
        Assert.Contains("cut short", Refusal(m => m, zip => Truncate(zip, "semantic.bin")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SameIssueModel.Default.WithThreshold(1.0));
    }

    [Fact]
    public void The_semantic_space_puts_one_problem_in_other_words_closer_than_another_problem()
    {
        SameIssueModel model = SameIssueModel.Default;
        Assert.Equal(128, model.SemanticDimensions);
        Assert.NotNull(model.Semantic);
        Half[] piling = model.Builder.Build(null, "工地每天深夜打桩，噪音吵得整栋楼的居民无法入睡").Semantic;
        Half[] noise = model.Builder.Build(null, "施工单位凌晨还在作业，机器轰鸣扰民严重").Semantic;
        Half[] wages = model.Builder.Build(null, "包工头拖欠我们农民工三个月工资不发").Semantic;
        Assert.Equal(1.0, Math.Sqrt(piling.Sum(h => (double)h * (double)h)), 2);   // unit length
        Assert.True(Dot(piling, noise) > Dot(piling, wages) + 0.1, $"{Dot(piling, noise)} vs {Dot(piling, wages)}");
        Assert.Empty(new IssueDocumentBuilder(SameIssueModel.Tagger, model.Frequencies, 4f).Build(null, "工地噪音").Semantic);   // no space: no coordinates
    }

    private static double Dot(Half[] a, Half[] b) => a.Zip(b, (x, y) => (double)x * (double)y).Sum();

    private static void Truncate(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.GetEntry(name)!;
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            using (Stream s = entry.Open())
            {
                s.CopyTo(buffer);
            }

            bytes = buffer.ToArray();
        }

        entry.Delete();
        using Stream cut = zip.CreateEntry(name).Open();
        cut.Write(bytes, 0, bytes.Length / 2);
    }

    /// <summary>Loads the shipped model with its manifest edited, and its other entries altered when asked.</summary>
    private static ModelFormatException Refusal(Func<string, string> edit, Action<ZipArchive>? alter = null)
    {
        var copy = new MemoryStream();
        using (FileStream file = File.OpenRead(Path.Combine(TestPaths.RepoRoot, "models", "issue-model.zip")))
        {
            file.CopyTo(copy);
        }

        using (var zip = new ZipArchive(copy, ZipArchiveMode.Update, leaveOpen: true))
        {
            ZipArchiveEntry entry = zip.GetEntry("manifest.json")!;
            string manifest;
            using (var reader = new StreamReader(entry.Open()))
            {
                manifest = reader.ReadToEnd();
            }

            string edited = edit(manifest);
            Assert.True(alter is not null || manifest != edited, "the edit changed nothing");
            alter?.Invoke(zip);
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            writer.Write(edited);
        }

        copy.Position = 0;
        return Assert.Throws<ModelFormatException>(() => SameIssueModel.Load(copy, "edited"));
    }
}
