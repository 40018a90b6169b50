using TextInsight.Tests.Grouping;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary><c>textinsight group</c>: one output row per readable message, in input order, and an error row for every other row.</summary>
public sealed class GroupCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-group").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_row_is_grouped_or_reported_and_sizes_agree_with_the_issue_column()
    {
        string input = Path.Combine(_dir, "in.csv");
        string[] sample = File.ReadAllLines(SampleIssues.Path);
        // Rows 2..41 are the samples; then: no id, empty text, a bad time, a ragged row, a quoted newline.
        File.WriteAllLines(input, [.. sample,
            ",2026-11-01 08:00:00,无编号,这条没有编号",
            "B2,2026-11-01 08:00:00,空正文,",
            "B3,not a time,时间坏了,滨江路地铁工地夜间施工",
            "B4,2026-11-01",
            "B5,2026-12-01 23:00:00,滨江路地铁工地,\"滨江路地铁工地又在夜间施工打桩，\n噪音扰民\""]);

        CliRunner.Result r = CliRunner.Run(null, "group", "--input", input, "--output", Path.Combine(_dir, "out.csv"),
            "--title-column", "title", "--time-column", "time");

        Assert.True(r.ExitCode == 3, r.StdErr);
        string[][] output = [.. File.ReadAllLines(Path.Combine(_dir, "out.csv")).Skip(1).Select(l => l.Split(','))];
        string[][] errors = [.. File.ReadAllLines(Path.Combine(_dir, "out.csv.errors.tsv")).Skip(1).Select(l => l.Split('\t'))];
        Assert.Equal([.. sample.Skip(1).Select(l => l.Split(',')[0]), "B5"], output.Select(o => o[0]));
        Assert.Equal(["42", "43", "44", "45"], errors.Select(e => e[0]));
        Assert.Equal(["", "B2", "B3", ""], errors.Select(e => e[1])); // a ragged row is reported by its line: its fields are not trusted
        Assert.Contains("not a date", errors[2][2], StringComparison.Ordinal);

        foreach (IGrouping<string, string[]> issue in output.GroupBy(o => o[1]))
        {
            Assert.All(issue, o => Assert.Equal(issue.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), o[2]));
        }

        string[] noise = [.. output.Where(o => SampleIssues.NightConstruction.Contains(o[0]) || o[0] == "B5").Select(o => o[1]).Distinct()];
        Assert.Single(noise);
    }

    [Fact]
    public void A_missing_column_is_refused_before_any_work()
    {
        CliRunner.Result r = CliRunner.Run(null, "group", "--input", SampleIssues.Path, "--output", Path.Combine(_dir, "out.csv"), "--time-column", "when");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no column 'when'", r.StdErr, StringComparison.Ordinal);
    }
}
