namespace TextInsight.Cli.IO;

/// <summary>The tabular formats the CLI reads and writes.</summary>
internal enum TableFormat
{
    /// <summary>RFC 4180 CSV: quotes, embedded newlines, an optional BOM.</summary>
    Csv,

    /// <summary>Tab-separated, no quoting (texts may contain '"'); a stray '\r' before '\n' is dropped.</summary>
    Tsv,

    /// <summary>One JSON object per line.</summary>
    Jsonl,
}

internal static class TableFormats
{
    /// <summary>The given format, or the one the file extension names (.csv, .tsv/.tab/.txt, .jsonl/.ndjson).</summary>
    internal static TableFormat Resolve(string? format, string path)
    {
        if (!string.IsNullOrEmpty(format))
        {
            return format.ToLowerInvariant() switch
            {
                "csv" => TableFormat.Csv,
                "tsv" => TableFormat.Tsv,
                "jsonl" => TableFormat.Jsonl,
                _ => throw new ArgumentException($"unknown format '{format}' (csv, tsv, jsonl)"),
            };
        }

        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".csv" => TableFormat.Csv,
            ".tsv" or ".tab" or ".txt" => TableFormat.Tsv,
            ".jsonl" or ".ndjson" or ".json" => TableFormat.Jsonl,
            _ => throw new ArgumentException($"cannot tell the format of '{path}' from its extension; pass --format csv|tsv|jsonl"),
        };
    }
}
