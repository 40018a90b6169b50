namespace TextInsight.Cli.IO;

/// <summary>Reads labelled examples for training and evaluation, optionally joining texts from a second file.</summary>
internal static class LabelledData
{
    internal sealed record Options(string Input, string? Format, string IdColumn, string TextColumn, string? TitleColumn, string? Join);

    internal sealed record Row(long Line, string Id, string? Title, string Text, IReadOnlyDictionary<string, string?> Fields);

    /// <summary>Every readable row with its text; unreadable rows are reported on stderr (file, line, reason) and counted.</summary>
    internal static List<Row> Read(Options o, out int badRows)
    {
        Dictionary<string, (string? Title, string Text)>? joined = o.Join is null ? null : ReadJoin(o);
        var rows = new List<Row>();
        badRows = 0;
        foreach (TableRecord r in TableReader.Read(o.Input, TableFormats.Resolve(o.Format, o.Input), out _))
        {
            string? error = r.Error;
            Row? row = null;
            if (error is null)
            {
                string id = Get(r.Fields!, o.IdColumn) ?? "";
                if (joined is not null)
                {
                    if (id.Length == 0 || !joined.TryGetValue(id, out var text))
                    {
                        error = $"no row with {o.IdColumn} '{id}' in {o.Join}";
                    }
                    else
                    {
                        row = new Row(r.Line, id, text.Title, text.Text, r.Fields!);
                    }
                }
                else
                {
                    string? text = Get(r.Fields!, o.TextColumn);
                    row = text is null ? null : new Row(r.Line, id, o.TitleColumn is null ? null : Get(r.Fields!, o.TitleColumn), text, r.Fields!);
                    error = text is null ? $"no '{o.TextColumn}' column" : null;
                }
            }

            if (error is not null)
            {
                badRows++;
                Console.Error.WriteLine($"{o.Input}:{r.Line}: skipped: {error}");
                continue;
            }

            rows.Add(row!);
        }

        return rows;
    }

    private static Dictionary<string, (string? Title, string Text)> ReadJoin(Options o)
    {
        var map = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
        foreach (TableRecord r in TableReader.Read(o.Join!, TableFormats.Resolve(null, o.Join!), out _))
        {
            if (r.Error is not null)
            {
                Console.Error.WriteLine($"{o.Join}:{r.Line}: skipped: {r.Error}");
                continue;
            }

            string? id = Get(r.Fields!, o.IdColumn);
            string? text = Get(r.Fields!, o.TextColumn);
            if (id is not null && text is not null)
            {
                map[id] = (o.TitleColumn is null ? null : Get(r.Fields!, o.TitleColumn), text);
            }
        }

        return map;
    }

    /// <summary>The texts (title + "。" + text when there is a title) of every readable row of an unlabelled file.</summary>
    internal static List<string> ReadTexts(string path, string textColumn, string? titleColumn, out int badRows)
    {
        var texts = new List<string>();
        badRows = 0;
        foreach (TableRecord r in TableReader.Read(path, TableFormats.Resolve(null, path), out _))
        {
            string? text = r.Error is null ? Get(r.Fields!, textColumn) : null;
            if (text is null)
            {
                badRows++;
                Console.Error.WriteLine($"{path}:{r.Line}: skipped: {r.Error ?? $"no '{textColumn}' column"}");
                continue;
            }

            string? title = titleColumn is null ? null : Get(r.Fields!, titleColumn);
            texts.Add(string.IsNullOrEmpty(title) ? text : title + "。" + text);
        }

        return texts;
    }

    /// <summary>A row's trimmed id and its text, or why the row cannot be a message: no id, or empty text.</summary>
    internal static string? IdAndText(IReadOnlyDictionary<string, string?> fields, string idColumn, string textColumn, out string id, out string? text)
    {
        id = Get(fields, idColumn)?.Trim() ?? "";
        text = Get(fields, textColumn);
        return id.Length == 0 ? $"missing id (column '{idColumn}')"
            : string.IsNullOrWhiteSpace(text) ? $"empty text (column '{textColumn}')"
            : null;
    }

    internal static string? Get(IReadOnlyDictionary<string, string?> fields, string column) =>
        fields.TryGetValue(column, out string? v) ? v : null;

    /// <summary>A label list: comma-separated, '-' or empty meaning none.</summary>
    internal static string[] SplitLabels(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() == "-"
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
