using System.Globalization;
using TextInsight.Grouping;

namespace TextInsight.Cli.IO;

/// <summary>Reads messages to group: every record yields a message or the reason it cannot be one (no row is dropped).</summary>
internal static class IssueRows
{
    /// <summary>Which columns hold the id, text, title and time.</summary>
    internal sealed record Columns(string Id, string Text, string? Title, string? Time);

    /// <summary>A record and the message read from it, or the error that replaces it.</summary>
    internal sealed record Row(TableRecord Record, string Id, IssueMessage? Message, string? Error);

    /// <summary>The rows of a file; throws when a named column is missing from its header.</summary>
    internal static IEnumerable<Row> Read(string path, TableFormat format, Columns c, out Func<double?> fractionRead)
    {
        IEnumerable<TableRecord> records = TableReader.Read(path, format, out IReadOnlyList<string> columns, out fractionRead);
        TableReader.RequireColumns(path, format, columns, [c.Id, c.Text, c.Title, c.Time]);
        return records.Select(r => Parse(r, c));
    }

    private static Row Parse(TableRecord r, Columns c)
    {
        if (r.Error is not null)
        {
            return new Row(r, "", null, r.Error);
        }

        IReadOnlyDictionary<string, string?> f = r.Fields!;
        if (LabelledData.IdAndText(f, c.Id, c.Text, out string id, out string? text) is { } error)
        {
            return new Row(r, id, null, error);
        }

        DateTimeOffset? time = null;
        if (c.Time is not null && LabelledData.Get(f, c.Time) is { } raw && !string.IsNullOrWhiteSpace(raw))
        {
            if (!DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t))
            {
                return new Row(r, id, null, $"time '{raw}' is not a date (column '{c.Time}')");
            }

            time = t;
        }

        return new Row(r, id, new IssueMessage(id, text, c.Title is null ? null : LabelledData.Get(f, c.Title), time), null);
    }
}
