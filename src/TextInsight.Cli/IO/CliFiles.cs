using System.Text;

namespace TextInsight.Cli.IO;

/// <summary>Opens the CLI's input and output, where "-" means standard input or output.</summary>
internal static class CliFiles
{
    /// <summary>UTF-8 without a byte-order mark, as the peers write.</summary>
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    internal static Stream OpenInput(string path) =>
        path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    internal static TextWriter OpenOutput(string path)
    {
        Stream s = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return new StreamWriter(s, Utf8NoBom, 1 << 16) { NewLine = "\n" };
    }
}
