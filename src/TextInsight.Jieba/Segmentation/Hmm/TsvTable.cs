using System.Globalization;
using System.Text;
using TextInsight.Jieba.Segmentation.Dictionary;

namespace TextInsight.Jieba.Segmentation.Hmm;

/// <summary>Reads the tab-separated HMM tables (one <c>#</c> header line, then rows).</summary>
internal static class TsvTable
{
    /// <summary>Calls <paramref name="row"/> with the fields of each data row.</summary>
    internal static void ForEachRow(byte[] utf8, string sourceName, int fieldCount, Action<string[]> row)
    {
        string text = Encoding.UTF8.GetString(utf8);
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] fields = line.Split('\t');
            if (fields.Length != fieldCount)
            {
                throw new DictionaryFormatException(sourceName, lineNumber, $"expected {fieldCount} tab-separated fields, found {fields.Length}");
            }

            try
            {
                row(fields);
            }
            catch (FormatException e) when (e is not DictionaryFormatException)
            {
                throw new DictionaryFormatException(sourceName, lineNumber, e.Message, e);
            }
        }
    }

    /// <summary>Parses a log-probability written in Python's shortest round-trip form.</summary>
    internal static double ParseDouble(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The single UTF-16 code unit a table row names, or a format error.</summary>
    internal static char SingleChar(string s) =>
        s.Length == 1 ? s[0] : throw new FormatException($"expected one BMP character, found '{s}'");
}
