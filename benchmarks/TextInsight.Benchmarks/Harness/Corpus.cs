namespace TextInsight.Benchmarks.Harness;

/// <summary>Fixed slices of ../shared/peers/corpus.txt, so every run measures the same text.</summary>
public static class Corpus
{
    /// <summary>The first <paramref name="lines"/> lines of the peers' corpus (set TEXTINSIGHT_CORPUS to use another file).</summary>
    public static string[] Slice(int lines)
    {
        string path = Environment.GetEnvironmentVariable("TEXTINSIGHT_CORPUS") ?? Path.Combine(FindShared(), "peers", "corpus.txt");
        return File.ReadAllText(path).Split('\n').Where(l => l.Length > 0).Take(lines).ToArray();
    }

    /// <summary>UTF-8 megabytes of <paramref name="lines"/>, the unit of the peers' MB/s.</summary>
    public static double Megabytes(IEnumerable<string> lines) => lines.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l)) / 1e6;

    /// <summary>The shared material beside the checkout (../shared from the solution folder).</summary>
    public static string FindShared()
    {
        // BenchmarkDotNet runs from a generated folder below the repo, so walk up to the solution.
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "TextInsight.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        dir ??= Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(dir, "..", "shared"));
    }
}
