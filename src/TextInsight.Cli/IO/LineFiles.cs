using System.Text;

namespace TextInsight.Cli.IO;

/// <summary>The line-per-text commands' loop: read UTF-8 lines (split on '\n' only), write one output line each.</summary>
internal static class LineFiles
{
    internal readonly record struct Summary(long Lines, long Bytes, long InvalidLines);

    /// <summary>
    /// Calls <paramref name="process"/> with each input line's text; it writes that line's output (without
    /// the '\n', which is added). Invalid UTF-8 is read as U+FFFD and counted, with a warning on stderr.
    /// </summary>
    internal static Summary ForEachLine(string inputPath, string outputPath, Action<ReadOnlySpan<char>, TextWriter> process)
    {
        long bytes = 0, lines = 0, invalid = 0;
        char[] chars = new char[4096];
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: false);
        using (var reader = new Utf8LineReader(CliFiles.OpenInput(inputPath)))
        using (TextWriter writer = CliFiles.OpenOutput(outputPath))
        {
            while (reader.TryReadLine(out ReadOnlySpan<byte> line))
            {
                lines++;
                bytes += line.Length;
                if (!System.Text.Unicode.Utf8.IsValid(line))
                {
                    invalid++;
                }

                if (chars.Length < line.Length)
                {
                    chars = new char[Math.Max(line.Length, chars.Length * 2)];
                }

                int n = decoder.GetChars(line, chars);
                process(chars.AsSpan(0, n), writer);
                writer.Write('\n');
            }
        }

        if (invalid > 0)
        {
            Console.Error.WriteLine($"warning: {inputPath}: {invalid} line(s) had invalid UTF-8; bad bytes were read as U+FFFD");
        }

        return new Summary(lines, bytes, invalid);
    }
}
