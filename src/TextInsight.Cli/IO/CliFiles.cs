using System.Text;

namespace TextInsight.Cli.IO;

/// <summary>Opens the CLI's input and output, where "-" means standard input or output.</summary>
internal static class CliFiles
{
    /// <summary>UTF-8 without a byte-order mark, as the peers write.</summary>
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    internal static Stream OpenInput(string path) =>
        path == "-" ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>Opens an existing file to append after its first <paramref name="length"/> bytes, dropping the rest.</summary>
    internal static (TextWriter Writer, FileStream Stream) OpenTruncated(string path, long length)
    {
        var s = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, 1 << 16);
        if (s.Length < length)
        {
            s.Dispose();
            throw new InvalidDataException($"{path} is shorter ({s.Length} bytes) than its checkpoint says ({length}); it was changed after the interrupted run");
        }

        s.SetLength(length);
        s.Seek(0, SeekOrigin.End);
        return (new StreamWriter(s, Utf8NoBom, 1 << 16) { NewLine = "\n" }, s);
    }

    internal static (TextWriter Writer, FileStream? Stream) OpenOutputWithStream(string path)
    {
        if (path == "-")
        {
            return (OpenOutput(path), null);
        }

        var s = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return (new StreamWriter(s, Utf8NoBom, 1 << 16) { NewLine = "\n" }, s);
    }

    internal static TextWriter OpenOutput(string path)
    {
        Stream s = path == "-" ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return new StreamWriter(s, Utf8NoBom, 1 << 16) { NewLine = "\n" };
    }
}
