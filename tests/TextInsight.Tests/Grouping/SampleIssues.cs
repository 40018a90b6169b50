using TextInsight.Grouping;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Grouping;

/// <summary>samples/issues.csv: our own messages (written for the repo), with the issues a reader would see in them.</summary>
internal static class SampleIssues
{
    internal static string Path => System.IO.Path.Combine(TestPaths.RepoRoot, "samples", "issues.csv");

    /// <summary>The messages in file order (the file quotes nothing: id, time, title, text).</summary>
    internal static List<IssueMessage> Messages() => [.. File.ReadLines(Path).Skip(1).Select(l => l.Split(',', 4))
        .Select(f => new IssueMessage(f[0], f[3], f[2], DateTimeOffset.Parse(f[1] + "Z", System.Globalization.CultureInfo.InvariantCulture)))];

    /// <summary>Night-time piling at the 滨江路 metro site: one issue.</summary>
    internal static readonly string[] NightConstruction = ["H008", "H009", "H010", "H011", "H012", "H013", "H014", "H015", "H040"];

    /// <summary>恒达建筑 owing the 城南 resettlement site's workers: one issue.</summary>
    internal static readonly string[] UnpaidWages = ["H016", "H017", "H018", "H019", "H020", "H039"];

    /// <summary>东湖花园 without water: one issue.</summary>
    internal static readonly string[] WaterCut = ["H030", "H031", "H032"];
}
