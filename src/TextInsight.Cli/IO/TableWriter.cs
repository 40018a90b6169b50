using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TextInsight.Cli.IO;

/// <summary>Writes rows of named columns as CSV (RFC 4180 quoting), TSV (no quoting) or JSONL.</summary>
internal sealed class TableWriter : IDisposable
{
    private readonly TextWriter _out;
    private readonly TableFormat _format;
    private readonly string[] _columns;
    private readonly MemoryStream _json = new();

    internal TableWriter(TextWriter output, TableFormat format, IReadOnlyList<string> columns, bool writeHeader = true)
    {
        _out = output;
        _format = format;
        _columns = [.. columns];
        if (writeHeader && format != TableFormat.Jsonl)
        {
            WriteFields(_columns);
        }
    }

    internal void Write(IReadOnlyList<string?> values)
    {
        if (_format == TableFormat.Jsonl)
        {
            _json.SetLength(0);
            using (var w = new Utf8JsonWriter(_json, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                for (int i = 0; i < _columns.Length; i++)
                {
                    string? v = values[i];
                    if (v is null)
                    {
                        w.WriteNull(_columns[i]);
                    }
                    else if (IsNumberColumn(_columns[i]) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                    {
                        w.WriteNumber(_columns[i], d);
                    }
                    else
                    {
                        w.WriteString(_columns[i], v);
                    }
                }

                w.WriteEndObject();
            }

            _out.Write(Encoding.UTF8.GetString(_json.GetBuffer(), 0, (int)_json.Length));
            _out.Write('\n');
            return;
        }

        WriteFields(values);
    }

    private static bool IsNumberColumn(string name) => name == "confidence" || name.StartsWith("p_", StringComparison.Ordinal);

    private void WriteFields(IReadOnlyList<string?> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _out.Write(_format == TableFormat.Tsv ? '\t' : ',');
            }

            string v = values[i] ?? "";
            if (_format == TableFormat.Tsv)
            {
                // TSV has no quoting: tabs and line breaks inside a value become spaces (documented).
                _out.Write(v.Contains('\t', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal) || v.Contains('\r', StringComparison.Ordinal)
                    ? v.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ') : v);
            }
            else if (v.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _out.Write('"');
                _out.Write(v.Replace("\"", "\"\"", StringComparison.Ordinal));
                _out.Write('"');
            }
            else
            {
                _out.Write(v);
            }
        }

        _out.Write('\n');
    }

    /// <summary>Pushes everything written so far to the file (for checkpoints).</summary>
    internal void Flush() => _out.Flush();

    public void Dispose()
    {
        _json.Dispose();
        _out.Dispose();
    }
}
