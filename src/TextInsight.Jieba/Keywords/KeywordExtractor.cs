using System.Runtime.CompilerServices;
using System.Text;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;

namespace TextInsight.Jieba.Keywords;

/// <summary>A keyword and its weight.</summary>
/// <param name="Word">The keyword.</param>
/// <param name="Weight">TF-IDF weight, or TextRank score normalised to (0, 1].</param>
public readonly record struct Keyword(string Word, double Weight);

/// <summary>
/// Keyword extraction identical to python jieba 0.42.1's <c>jieba.analyse.extract_tags</c> (TF-IDF) and
/// <c>jieba.analyse.textrank</c>: same candidates, weights and order (ties keep first-occurrence order).
/// </summary>
/// <remarks>Thread-safe.</remarks>
/// <example><code>
/// var keywords = KeywordExtractor.Create();
/// foreach (Keyword k in keywords.ExtractTfIdf(text, top: 5)) Console.WriteLine($"{k.Word}:{k.Weight:0.000}");
/// </code></example>
public sealed class KeywordExtractor
{
    /// <summary>TextRank's default part-of-speech filter (jieba's): place names, nouns, verbal nouns, verbs.</summary>
    public static IReadOnlyList<string> TextRankDefaultTags { get; } = ["ns", "n", "vn", "v"];

    private const double Damping = 0.85;
    private const int Window = 5;
    private const int Iterations = 10;

    private readonly PosTagger _tagger;

    private KeywordExtractor(PosTagger tagger, IdfTable idf, StopWords stopWords)
    {
        _tagger = tagger;
        Idf = idf;
        StopWords = stopWords;
    }

    /// <summary>The idf table used by TF-IDF.</summary>
    public IdfTable Idf { get; }

    /// <summary>The stop words skipped by both methods.</summary>
    public StopWords StopWords { get; }

    /// <summary>An extractor; by default jieba's idf table and jieba's (English) stop list, as jieba does.</summary>
    /// <param name="tagger">Tagger (and through it the segmenter and user dictionary); a default one when null.</param>
    /// <param name="idf">The idf table; <see cref="IdfTable.Default"/> when null.</param>
    /// <param name="stopWords">Stop words; <see cref="StopWords.JiebaDefault"/> when null (use <see cref="StopWords.Chinese"/> for citizen messages).</param>
    /// <returns>The extractor.</returns>
    public static KeywordExtractor Create(PosTagger? tagger = null, IdfTable? idf = null, StopWords? stopWords = null) =>
        new(tagger ?? PosTagger.Create(), idf ?? IdfTable.Default, stopWords ?? StopWords.JiebaDefault);

    /// <summary>TF-IDF keywords, like <c>extract_tags(text, topK, withWeight=True, allowPOS)</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="top">How many to return; 0 for all.</param>
    /// <param name="allowedTags">Keep only words with these tags (tags come from the POS tagger); null or empty for all words of the segmenter.</param>
    /// <returns>Keywords by descending weight.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    public IReadOnlyList<Keyword> ExtractTfIdf(string text, int top = 20, IReadOnlyCollection<string>? allowedTags = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        IEnumerable<string> words = allowedTags is { Count: > 0 }
            ? _tagger.Tag(text).Where(w => allowedTags.Contains(w.Tag)).Select(w => w.Word)
            : _tagger.Segmenter.Cut(text);

        // Insertion order matters: ties in the final sort keep the order of first occurrence.
        var freq = new Dictionary<string, double>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (string w in words)
        {
            if (PythonLength(PythonStrip(w)) < 2 || StopWords.Contains(w))
            {
                continue;
            }

            if (freq.TryGetValue(w, out double f))
            {
                freq[w] = f + 1.0;
            }
            else
            {
                freq[w] = 1.0;
                order.Add(w);
            }
        }

        double total = 0;
        foreach (string w in order)
        {
            total += freq[w];
        }

        var result = order.Select(w => new Keyword(w, freq[w] * (Idf.Get(w) / total))).ToList();
        return Top(result, top);
    }

    /// <summary>TextRank keywords, like <c>textrank(text, topK, withWeight=True, allowPOS)</c>: a co-occurrence graph over a 5-word window, 10 iterations, damping 0.85.</summary>
    /// <param name="text">The text.</param>
    /// <param name="top">How many to return; 0 for all.</param>
    /// <param name="allowedTags">Tags of candidate words; null for <see cref="TextRankDefaultTags"/>.</param>
    /// <returns>Keywords by descending score (the best scores 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    public IReadOnlyList<Keyword> ExtractTextRank(string text, int top = 20, IReadOnlyCollection<string>? allowedTags = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        IReadOnlyCollection<string> tags = allowedTags ?? TextRankDefaultTags;
        IReadOnlyList<TaggedWord> words = _tagger.Tag(text);
        bool Candidate(TaggedWord w) => tags.Contains(w.Tag) && PythonLength(PythonStrip(w.Word)) >= 2 && !StopWords.Contains(w.Word);

        // Co-occurrence counts, in first-seen order (jieba iterates a dict).
        var pairCount = new Dictionary<(string, string), int>();
        var pairOrder = new List<(string, string)>();
        for (int i = 0; i < words.Count; i++)
        {
            if (!Candidate(words[i]))
            {
                continue;
            }

            for (int j = i + 1; j < i + Window && j < words.Count; j++)
            {
                if (!Candidate(words[j]))
                {
                    continue;
                }

                var key = (words[i].Word, words[j].Word);
                if (pairCount.TryGetValue(key, out int c))
                {
                    pairCount[key] = c + 1;
                }
                else
                {
                    pairCount[key] = 1;
                    pairOrder.Add(key);
                }
            }
        }

        // The undirected graph: each pair adds an edge to both ends, nodes in first-seen order.
        var edges = new Dictionary<string, List<(string To, int Weight)>>(StringComparer.Ordinal);
        var nodes = new List<string>();
        void AddEdge(string from, string to, int weight)
        {
            if (!edges.TryGetValue(from, out List<(string, int)>? list))
            {
                edges[from] = list = [];
                nodes.Add(from);
            }

            list.Add((to, weight));
        }

        foreach ((string a, string b) in pairOrder)
        {
            AddEdge(a, b, pairCount[(a, b)]);
            AddEdge(b, a, pairCount[(a, b)]);
        }

        var ws = new Dictionary<string, double>(StringComparer.Ordinal);
        var outSum = new Dictionary<string, double>(StringComparer.Ordinal);
        double wsdef = 1.0 / (nodes.Count == 0 ? 1.0 : nodes.Count);
        foreach (string n in nodes)
        {
            ws[n] = wsdef;
            double sum = 0.0;
            foreach ((_, int w) in edges[n])
            {
                sum += w;
            }

            outSum[n] = sum;
        }

        // Python sorts the node strings by code point.
        string[] sortedKeys = [.. nodes];
        Array.Sort(sortedKeys, CodePointComparer.Instance);
        for (int it = 0; it < Iterations; it++)
        {
            foreach (string n in sortedKeys)
            {
                double s = 0;
                foreach ((string to, int w) in edges[n])
                {
                    s += w / outSum[to] * ws[to];
                }

                ws[n] = (1 - Damping) + (Damping * s);
            }
        }

        double minRank = double.MaxValue, maxRank = 2.2250738585072014e-308; // sys.float_info.max / .min
        foreach (string n in nodes)
        {
            minRank = Math.Min(minRank, ws[n]);
            maxRank = Math.Max(maxRank, ws[n]);
        }

        var result = nodes.Select(n => new Keyword(n, (ws[n] - (minRank / 10.0)) / (maxRank - (minRank / 10.0)))).ToList();
        return Top(result, top);
    }

    /// <summary>Stable sort by descending weight (Python's <c>sorted(..., reverse=True)</c>), then the first <paramref name="top"/>.</summary>
    private static List<Keyword> Top(List<Keyword> keywords, int top)
    {
        List<Keyword> sorted = [.. keywords.Select((k, i) => (k, i)).OrderByDescending(x => x.k.Weight).ThenBy(x => x.i).Select(x => x.k)];
        return top > 0 && sorted.Count > top ? sorted[..top] : sorted;
    }

    private static string PythonStrip(string s)
    {
        int a = 0, b = s.Length;
        while (a < b && CharClass.IsPythonSpace(s[a]))
        {
            a++;
        }

        while (b > a && CharClass.IsPythonSpace(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    // Python's len() counts code points.
    private static int PythonLength(string s)
    {
        int n = 0;
        foreach (Rune _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }

    private sealed class CodePointComparer : IComparer<string>
    {
        internal static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            StringRuneEnumerator a = x!.EnumerateRunes(), b = y!.EnumerateRunes();
            while (true)
            {
                bool ma = a.MoveNext(), mb = b.MoveNext();
                if (!ma || !mb)
                {
                    return ma ? 1 : mb ? -1 : 0;
                }

                int c = a.Current.Value.CompareTo(b.Current.Value);
                if (c != 0)
                {
                    return c;
                }
            }
        }
    }
}
