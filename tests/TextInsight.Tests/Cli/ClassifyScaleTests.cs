using System.Globalization;
using System.Text.RegularExpressions;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary>
/// A generated 1,000,000-row file goes through <c>classify</c> with every row accounted for, and the
/// process's peak memory stays about what a 100,000-row file needs (streaming, constant memory).
/// </summary>
[Trait("Category", "Scale")]
public sealed partial class ClassifyScaleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-scale").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void One_million_rows_stream_in_constant_memory_and_none_is_lost()
    {
        (long rows100k, double peak100k) = Run(100_000);
        (long rows1m, double peak1m) = Run(1_000_000);
        Assert.Equal(100_000, rows100k);
        Assert.Equal(1_000_000, rows1m);
        Assert.True(peak1m < peak100k * 1.5, $"peak memory grew from {peak100k:0} MB (100k rows) to {peak1m:0} MB (1M rows)");
    }

    private (long Rows, double PeakMb) Run(int count)
    {
        string[] phrases = ["小区物业乱收费", "多次反映无果", "拖欠农民工工资", "征地补偿款被截留", "楼道煤气泄漏", "请问社保怎么缴纳", "噪音扰民严重", "村干部优亲厚友"];
        string input = Path.Combine(_dir, $"in{count}.tsv"), output = Path.Combine(_dir, $"out{count}.tsv");
        using (var w = new StreamWriter(input))
        {
            w.Write("id\ttext\n");
            for (int i = 0; i < count; i++)
            {
                w.Write($"r{i}\t{phrases[i % phrases.Length]}，{phrases[(i / 8) % phrases.Length]}。\n");
            }
        }

        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", input, "--output", output);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("% of input", r.StdErr, StringComparison.Ordinal); // redirected: plain progress lines with the share read
        long rows = -1; // minus the header
        using (var reader = new StreamReader(output))
        {
            while (reader.ReadLine() is not null)
            {
                rows++;
            }
        }

        Assert.Single(File.ReadAllLines(output + ".errors.tsv")); // the header only
        Match peak = PeakPattern().Match(r.StdErr);
        Assert.True(peak.Success, r.StdErr);
        return (rows, double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"/ (\d+) MB peak")]
    private static partial Regex PeakPattern();
}
