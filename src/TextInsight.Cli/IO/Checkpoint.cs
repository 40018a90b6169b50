using System.Globalization;

namespace TextInsight.Cli.IO;

/// <summary>
/// How far an interrupted <c>classify</c> got: input rows done and the byte lengths of the output and
/// error files at that point (both flushed). Written atomically (temp file + rename) after every chunk.
/// </summary>
internal sealed record Checkpoint(long Rows, long OutputBytes, long ErrorBytes)
{
    internal static string PathFor(string output) => output + ".checkpoint";

    internal void Save(string path)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, string.Create(CultureInfo.InvariantCulture, $"rows {Rows}\noutput_bytes {OutputBytes}\nerror_bytes {ErrorBytes}\n"));
        File.Move(temp, path, overwrite: true);
    }

    internal static Checkpoint? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var values = File.ReadAllLines(path).Select(l => l.Split(' ')).Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        return new Checkpoint(values["rows"], values["output_bytes"], values["error_bytes"]);
    }
}
