using System.Diagnostics;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary><c>classify --resume</c> after the process is killed mid-run: no row duplicated or skipped.</summary>
[Trait("Category", "Scale")]
public sealed class ClassifyResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-resume").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_killed_run_resumed_gives_exactly_the_uninterrupted_output()
    {
        string input = Path.Combine(_dir, "in.csv");
        string[] phrases = ["小区物业乱收费", "拖欠农民工工资", "征地补偿款被截留", "楼道煤气泄漏", "请问社保怎么缴纳"];
        using (var w = new StreamWriter(input))
        {
            w.Write("id,text\n");
            for (int i = 0; i < 300_000; i++)
            {
                // Every 1000th row is bad (empty text) so the error file is resumed too.
                w.Write(i % 1000 == 999 ? $"r{i},\n" : $"r{i},\"{phrases[i % 5]}，\"\"{phrases[(i / 5) % 5]}\"\"\"\n");
            }
        }

        string whole = Path.Combine(_dir, "whole.csv");
        Assert.Equal(3, CliRunner.Run(null, "classify", "--input", input, "--output", whole).ExitCode);

        string output = Path.Combine(_dir, "resumed.csv");
        KillAfterFirstCheckpoint(input, output);
        Assert.True(File.Exists(output + ".checkpoint"), "the killed run left a checkpoint");
        CliRunner.Result resumed = CliRunner.Run(null, "classify", "--input", input, "--output", output, "--resume");
        Assert.Equal(3, resumed.ExitCode);
        Assert.Contains("resuming after", resumed.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output + ".checkpoint"));

        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(output));
        Assert.Equal(File.ReadAllBytes(whole + ".errors.tsv"), File.ReadAllBytes(output + ".errors.tsv"));
        Assert.Equal(300_000 - 300 + 1, File.ReadLines(output).Count());
    }

    private static void KillAfterFirstCheckpoint(string input, string output)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "TextInsight.Cli.dll"), "classify", "--input", input, "--output", output, "--threads", "1" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var clock = Stopwatch.StartNew();
        while (!File.Exists(output + ".checkpoint") && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Thread.Sleep(20);
        }

        Thread.Sleep(150); // let it get past the checkpoint, mid-chunk
        Assert.False(process.HasExited, "the run finished before it could be interrupted");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
}
