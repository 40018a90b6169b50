using System.Globalization;
using TextInsight.Privacy;

namespace TextInsight.Cli.IO;

/// <summary>
/// The personal data found in one input row, for <c>classify --mask-pii</c>: masked copies of the row's
/// columns, a summary column of types and offsets, and a check that a cue does not quote any of it.
/// </summary>
internal sealed class PiiReport
{
    private readonly Dictionary<string, PiiMaskResult> _byColumn;
    private readonly List<string> _revealing;

    private PiiReport(Dictionary<string, PiiMaskResult> byColumn)
    {
        _byColumn = byColumn;
        _revealing = byColumn.Values.SelectMany(r => r.Matches).Select(m => Fold(m.Text)).ToList();
    }

    /// <summary>Every match, as <c>Type@column:start+length</c> joined by <c>;</c> (offsets into the column's original value).</summary>
    internal string Summary => string.Join(";", _byColumn.SelectMany(kv => kv.Value.Matches.Select(m =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Type}@{kv.Key}:{m.Start}+{m.Length}"))));

    internal static PiiReport Of(IReadOnlyDictionary<string, string?> fields, IEnumerable<string> columns)
    {
        var byColumn = new Dictionary<string, PiiMaskResult>(StringComparer.Ordinal);
        foreach (string column in columns.Distinct(StringComparer.Ordinal))
        {
            byColumn[column] = PiiDetector.Mask(LabelledData.Get(fields, column));
        }

        return new PiiReport(byColumn);
    }

    /// <summary>The masked value of a column named to <see cref="Of"/>.</summary>
    internal string Masked(string column) => _byColumn[column].Text;

    /// <summary>True when a cue (a character or word n-gram) is a piece of something masked, e.g. "138" of a phone number.</summary>
    internal bool Reveals(string cue)
    {
        string folded = Fold(cue);
        return folded.Length > 0 && _revealing.Exists(m => m.Contains(folded, StringComparison.Ordinal));
    }

    // Features see letters and digits only, lower-cased: compare in that form.
    private static string Fold(string s) => string.Concat(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));
}
