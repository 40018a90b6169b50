using System.Diagnostics;
using System.Globalization;
using TextInsight.Benchmarks.Harness;
using TextInsight.Grouping;

namespace TextInsight.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/TextInsight.Benchmarks -- group-scaling N</c>: groups N synthetic
/// messages (<see cref="SyntheticMessages"/>) with the default grouper on all cores and prints one TSV line: messages,
/// seconds, messages/s, issues, largest issue, managed heap after grouping (MB) and peak working set (MB). One process
/// per size, so each peak is its own; benchmarks/group_scaling.sh runs the sizes and prints the ratios.
/// </summary>
internal static class GroupScaling
{
    internal static int Run(string[] args)
    {
        int count = int.Parse(args[0], CultureInfo.InvariantCulture);
        var grouper = new IssueGrouper();
        _ = SameIssueModel.Default; // load outside the timing
        var clock = Stopwatch.StartNew();
        long n = 0;
        foreach (int _ in grouper.AddRange(SyntheticMessages.Generate(count).Select(m => (m, (FeedbackResult?)null))))
        {
            n++;
        }

        IReadOnlyList<Issue> issues = grouper.Issues();
        double seconds = clock.Elapsed.TotalSeconds;
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{n}\t{seconds:0.0}\t{n / seconds:0}\t{issues.Count}\t{issues.Max(i => i.Size)}\t{heap / 1e6:0}\t{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0}"));
        GC.KeepAlive(grouper);
        return 0;
    }
}
