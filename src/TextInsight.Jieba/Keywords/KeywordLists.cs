using System.Globalization;
using System.Text;
using TextInsight.Jieba.Internal;
using TextInsight.Jieba.Segmentation.Dictionary;

namespace TextInsight.Jieba.Keywords;

/// <summary>Inverse document frequencies for TF-IDF, in jieba's <c>idf.txt</c> format (<c>word idf</c> per line).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IdfTable
{
    private const string Resource = "TextInsight.jieba.idf.txt.gz";
    private static readonly Lazy<IdfTable> s_default = new(() => Parse(EmbeddedData.ReadGzip(Resource), Resource));

    private readonly Dictionary<string, double> _idf;

    private IdfTable(Dictionary<string, double> idf, double median)
    {
        _idf = idf;
        Median = median;
    }

    /// <summary>jieba 0.42.1's table (270,132 words), embedded and loaded once on first use.</summary>
    public static IdfTable Default => s_default.Value;

    /// <summary>The idf used for unknown words: the table's median, as jieba (<c>sorted(values)[n // 2]</c>).</summary>
    public double Median { get; }

    /// <summary>Number of words in the table.</summary>
    public int Count => _idf.Count;

    /// <summary>The idf of <paramref name="word"/>, or <see cref="Median"/> when the table lacks it.</summary>
    /// <param name="word">The word.</param>
    /// <returns>Its idf.</returns>
    public double Get(string word) => _idf.TryGetValue(word, out double v) ? v : Median;

    /// <summary>Loads a table in jieba's format from a stream (UTF-8, <c>word idf</c> per line).</summary>
    /// <param name="stream">The table; read to its end, not disposed.</param>
    /// <param name="sourceName">A name for error messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DictionaryFormatException">A line is not <c>word idf</c>, or the table is empty.</exception>
    public static IdfTable Load(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Parse(EmbeddedData.ReadAll(stream), sourceName ?? "the idf stream");
    }

    /// <summary>Loads a table in jieba's format from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="DictionaryFormatException">A line is not <c>word idf</c>, or the table is empty.</exception>
    public static IdfTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    private static IdfTable Parse(byte[] utf8, string source)
    {
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string raw in Encoding.UTF8.GetString(utf8).Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(' ');
            if (f.Length != 2 || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            {
                throw new DictionaryFormatException(source, lineNumber, $"expected 'word idf': '{(line.Length > 60 ? line[..60] : line)}'");
            }

            idf[f[0]] = v;
        }

        if (idf.Count == 0)
        {
            throw new DictionaryFormatException(source, 0, "the idf table is empty");
        }

        double[] sorted = [.. idf.Values];
        Array.Sort(sorted);
        return new IdfTable(idf, sorted[sorted.Length / 2]);
    }
}

/// <summary>Words that keyword extraction skips (compared after lower-casing).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StopWords
{
    private readonly HashSet<string> _words;

    private StopWords(IEnumerable<string> words) => _words = new HashSet<string>(words, StringComparer.Ordinal);

    /// <summary>jieba's built-in list: 31 English function words. What jieba uses by default.</summary>
    public static StopWords JiebaDefault { get; } = new(
    [
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on", "with", "can", "if", "from",
        "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has", "or",
    ]);

    /// <summary>jieba's English list plus TextInsight's Chinese list (function words and petition boilerplate such as 您好, 反映, 有关部门); see Data/keywords/stopwords-chinese.txt.</summary>
    /// <exception cref="InvalidOperationException">The embedded list is missing (a broken build).</exception>
    public static StopWords Chinese => s_chinese.Value;

    private static readonly Lazy<StopWords> s_chinese = new(() => JiebaDefault.With(ReadList(
        typeof(StopWords).Assembly.GetManifestResourceStream("TextInsight.keywords.stopwords-chinese.txt")
        ?? throw new InvalidOperationException("The embedded stop list 'TextInsight.keywords.stopwords-chinese.txt' is missing from TextInsight.dll."))));

    /// <summary>Number of stop words.</summary>
    public int Count => _words.Count;

    /// <summary>Whether <paramref name="word"/> (lower-cased) is a stop word.</summary>
    /// <param name="word">The word.</param>
    /// <returns>True for a stop word.</returns>
    public bool Contains(string word) => _words.Contains(word.ToLowerInvariant());

    /// <summary>This list plus <paramref name="words"/>.</summary>
    /// <param name="words">More stop words.</param>
    /// <returns>A new list.</returns>
    public StopWords With(IEnumerable<string> words) => new(_words.Concat(words ?? throw new ArgumentNullException(nameof(words))));

    /// <summary>This list plus the words of a file (one per line, UTF-8, '#' comments), like jieba's <c>set_stop_words</c>.</summary>
    /// <param name="stream">The list; read to its end, not disposed.</param>
    /// <returns>A new list.</returns>
    public StopWords With(Stream stream) => With(ReadList(stream ?? throw new ArgumentNullException(nameof(stream))));

    private static List<string> ReadList(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, true, 4096, leaveOpen: true);
        return reader.ReadToEnd().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#').ToList();
    }
}
