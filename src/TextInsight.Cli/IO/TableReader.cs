using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace TextInsight.Cli.IO;

/// <summary>One input record: its fields by column name, or the reason it could not be read.</summary>
/// <param name="Line">1-based line where the record starts in the file.</param>
/// <param name="Fields">Column name to value; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the record is unreadable (it still counts as a row).</param>
internal sealed record TableRecord(long Line, IReadOnlyDictionary<string, string?>? Fields, string? Error);

/// <summary>Streams the records of a CSV, TSV or JSONL file. A malformed record yields an error record, never an exception or a silent skip.</summary>
internal static class TableReader
{
    /// <summary>Throws, naming the file and its columns, when a required column is not in its header (JSONL has none to check).</summary>
    /// <exception cref="InvalidDataException">A column is missing.</exception>
    internal static void RequireColumns(string path, TableFormat format, IReadOnlyList<string> columns, IEnumerable<string?> required)
    {
        if (format == TableFormat.Jsonl)
        {
            return;
        }

        foreach (string column in required.OfType<string>())
        {
            if (!columns.Contains(column))
            {
                throw new InvalidDataException($"{path}: no column '{column}' (columns: {string.Join(", ", columns)})");
            }
        }
    }

    internal static IEnumerable<TableRecord> Read(string path, TableFormat format, out IReadOnlyList<string> columns) =>
        Read(path, format, out columns, out _);

    /// <param name="path">The file, or "-" for stdin.</param>
    /// <param name="format">Its format.</param>
    /// <param name="columns">The header's column names (empty for JSONL).</param>
    /// <param name="fractionRead">The share of the file read so far (by bytes, ahead of the records by one buffer), or null for stdin.</param>
    internal static IEnumerable<TableRecord> Read(string path, TableFormat format, out IReadOnlyList<string> columns, out Func<double?> fractionRead)
    {
        Stream stream = CliFiles.OpenInput(path);
        fractionRead = stream.CanSeek && stream.Length > 0 ? () => Fraction(stream) : () => null;
        try
        {
            switch (format)
            {
                case TableFormat.Tsv:
                    return ReadTsv(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16), path, out columns);
                case TableFormat.Csv:
                    return ReadCsv(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16), path, out columns);
                default:
                    columns = [];
                    return ReadJsonl(new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16));
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static IEnumerable<TableRecord> ReadTsv(StreamReader reader, string path, out IReadOnlyList<string> columns)
    {
        string header = ReadLineLf(reader) ?? throw new InvalidDataException($"{path}: the file is empty (no header row)");
        string[] names = header.TrimEnd('\r').Split('\t');
        columns = names;
        return Rows();

        IEnumerable<TableRecord> Rows()
        {
            using (reader)
            {
                foreach ((long line, string text) in NumberedLines(reader, firstLine: 2))
                {
                    if (text.Length == 0)
                    {
                        yield return new TableRecord(line, null, "empty line");
                        continue;
                    }

                    yield return Record(line, names, text.Split('\t'), "tab-separated fields");
                }
            }
        }
    }

    /// <summary>The fields by column name, or an error when the row has the wrong number of them.</summary>
    private static TableRecord Record(long line, string[] names, string[] fields, string what)
    {
        if (fields.Length != names.Length)
        {
            return new TableRecord(line, null, $"expected {names.Length} {what}, found {fields.Length}");
        }

        var map = new Dictionary<string, string?>(names.Length, StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            map[names[i]] = fields[i];
        }

        return new TableRecord(line, map, null);
    }

    /// <summary>The remaining lines with their 1-based numbers, a "\r\n" ending trimmed to the text.</summary>
    private static IEnumerable<(long Line, string Text)> NumberedLines(StreamReader reader, long firstLine)
    {
        long line = firstLine;
        string? text;
        while ((text = ReadLineLf(reader)) is not null)
        {
            yield return (line++, text.TrimEnd('\r'));
        }
    }

    // Only '\n' ends a record: a '\r' inside a TSV field is data, a "\r\n" end is trimmed by the caller.
    private static string? ReadLineLf(StreamReader reader)
    {
        var sb = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n')
            {
                return sb.ToString();
            }

            sb.Append((char)c);
        }

        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static IEnumerable<TableRecord> ReadCsv(StreamReader reader, string path, out IReadOnlyList<string> columns)
    {
        var badData = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badData.Add($"bad quoting near '{Shorten(args.RawRecord)}'"),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            csv.Dispose();
            throw new InvalidDataException($"{path}: the file is empty (no header row)");
        }

        string[] names = csv.HeaderRecord;
        columns = names;
        return Rows();

        IEnumerable<TableRecord> Rows()
        {
            using (csv)
            {
                // CsvHelper's RawRow is where a record ends; a record's first line is counted here.
                long nextLine = 1 + csv.Parser.RawRecord.Count(c => c == '\n');
                while (true)
                {
                    bool more;
                    string? readError = null;
                    try
                    {
                        more = csv.Read();
                    }
                    catch (CsvHelperException e)
                    {
                        more = true;
                        readError = e.Message.Split('\n')[0];
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    long line = nextLine;
                    nextLine += csv.Parser.RawRecord.Count(c => c == '\n');
                    if (readError is not null)
                    {
                        yield return new TableRecord(line, null, readError);
                        continue;
                    }

                    if (badData.Count > 0)
                    {
                        yield return new TableRecord(line, null, badData[0]);
                        badData.Clear();
                        continue;
                    }

                    // An odd number of quotes means a quoted field ran to the end of the file: RFC 4180
                    // readers swallow every later row into it, so say so instead of losing them silently.
                    string raw = csv.Parser.RawRecord;
                    if (raw.Count(c => c == '"') % 2 == 1)
                    {
                        yield return new TableRecord(line, null, $"unterminated quoted field: lines {line}..{nextLine - 1} (to the end of the file) were read as one field; fix the quote and rerun those rows");
                        continue;
                    }

                    yield return Record(line, names, csv.Parser.Record ?? [], "fields");
                }
            }
        }
    }

    private static IEnumerable<TableRecord> ReadJsonl(StreamReader reader)
    {
        using (reader)
        {
            foreach ((long line, string text) in NumberedLines(reader, firstLine: 1))
            {
                if (text.Length == 0)
                {
                    yield return new TableRecord(line, null, "empty line");
                    continue;
                }

                Dictionary<string, string?>? map = null;
                string? error = null;
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(text);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        error = "the line is not a JSON object";
                    }
                    else
                    {
                        map = new Dictionary<string, string?>(StringComparer.Ordinal);
                        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                        {
                            map[p.Name] = p.Value.ValueKind switch
                            {
                                JsonValueKind.String => p.Value.GetString(),
                                JsonValueKind.Null => null,
                                JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                                _ => p.Value.GetRawText(),
                            };
                        }
                    }
                }
                catch (JsonException e)
                {
                    error = $"invalid JSON: {e.Message}";
                }

                yield return new TableRecord(line, map, error);
            }
        }
    }

    // Once the records are read the stream is disposed: then all of it was read.
    private static double Fraction(Stream stream)
    {
        try
        {
            return (double)stream.Position / stream.Length;
        }
        catch (ObjectDisposedException)
        {
            return 1.0;
        }
    }

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
