using TextInsight.Grouping;
using TextInsight.Tests.Grouping;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary><c>textinsight train-issues</c> on pairs judged from our own samples: it cross-validates, writes a model that loads, and refuses a bad cap.</summary>
public sealed class TrainIssuesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-train-issues").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Judged_sample_pairs_train_a_model_that_loads_and_a_bad_cap_is_refused()
    {
        string[][] issues = [SampleIssues.NightConstruction, SampleIssues.UnpaidWages, SampleIssues.WaterCut];
        var lines = new List<string> { "id_a\tid_b\tlabel" };
        foreach (string[] issue in issues)
        {
            lines.AddRange(issue.Zip(issue.Skip(1), (a, b) => $"{a}\t{b}\tsame"));
        }

        // Different issues, and one village's two problems (compensation vs a cadre's manner: related).
        lines.AddRange(issues.SelectMany(a => issues.Where(b => b != a).SelectMany(b => a.Take(3).Select(x => $"{x}\t{b[0]}\tdifferent"))));
        lines.Add("H025\tH028\trelated");
        lines.Add("H001\tH006\trelated");
        string pairs = Path.Combine(_dir, "pairs.tsv");
        File.WriteAllLines(pairs, lines);
        string model = Path.Combine(_dir, "model.zip");

        CliRunner.Result r = CliRunner.Run(null, "train-issues", "--pairs", pairs, "--messages", SampleIssues.Path, "--title-column", "title",
            "--folds", "2", "--output", model, "--max-related-merged", "0.5");

        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("2-fold CV over " + (lines.Count - 1), r.StdOut, StringComparison.Ordinal);
        SameIssueModel loaded = SameIssueModel.Load(model);
        Assert.Equal(lines.Count - 1, loaded.TrainingPairs);
        Assert.Contains("passage_cover", loaded.FeatureNames);
        Assert.Equal(0, loaded.SemanticDimensions);   // 40 messages are too few to learn a semantic space from
        Assert.Contains("no semantic space", r.StdOut, StringComparison.Ordinal);

        CliRunner.Result refused = CliRunner.Run(null, "train-issues", "--pairs", pairs, "--messages", SampleIssues.Path, "--folds", "0",
            "--output", model, "--max-related-merged", "0");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("related pairs merged must be in (0, 1]", refused.StdErr, StringComparison.Ordinal);
    }
}
