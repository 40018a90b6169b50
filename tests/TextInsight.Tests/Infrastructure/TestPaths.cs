namespace TextInsight.Tests.Infrastructure;

/// <summary>Finds the repository and the read-only ../shared folder beside it.</summary>
internal static class TestPaths
{
    internal static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared next to the checkout (CI clones the repo with shared/ beside it).</summary>
    internal static string Shared
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"The shared data folder was not found at {path}; clone the repository next to shared/.");
        }
    }

    internal static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    private static string FindRepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "TextInsight.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new DirectoryNotFoundException("TextInsight.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Reads a UTF-8 file split on '\n' only (as python's str.split("\n")), without a trailing empty line.</summary>
    internal static List<string> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, true));
        string all = reader.ReadToEnd();
        var lines = all.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    internal static List<string> ReadGzipLines(string path)
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        return ReadLines(gz);
    }
}
