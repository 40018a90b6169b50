using System.Runtime.CompilerServices;
using TextInsight.Jieba.Segmentation.Dictionary;

namespace TextInsight.Jieba.Segmentation.PosTagging;

/// <summary>A word with its part-of-speech tag and position, like a jieba <c>posseg</c> pair.</summary>
/// <param name="Word">The word.</param>
/// <param name="Tag">jieba's tag: ICTCLAS tags from the dictionary or the POS HMM, and the fallbacks <c>m</c> (numbers), <c>eng</c> (Latin letters and digits), <c>x</c> (anything else).</param>
/// <param name="Start">Offset in the input (UTF-16 code units).</param>
public readonly record struct TaggedWord(string Word, string Tag, int Start)
{
    /// <summary>Offset just past the word.</summary>
    public int End => Start + Word.Length;

    /// <inheritdoc/>
    public override string ToString() => Word + "/" + Tag;
}

/// <summary>
/// Part-of-speech tagging identical to python jieba 0.42.1's <c>jieba.posseg.cut</c> (HMM on or off),
/// over a <see cref="JiebaSegmenter"/>'s dictionary, including its user words and their tags.
/// </summary>
/// <remarks>Thread-safe: it reads the segmenter's current dictionary snapshot on every call.</remarks>
/// <example><code>
/// var tagger = PosTagger.Create();
/// foreach (TaggedWord w in tagger.Tag("我爱北京天安门")) Console.Write($"{w} ");   // 我/r 爱/v 北京/ns 天安门/ns
/// </code></example>
public sealed class PosTagger
{
    private readonly JiebaSegmenter _segmenter;
    private readonly PosSegModel _model;

    private PosTagger(JiebaSegmenter segmenter, PosSegModel model)
    {
        _segmenter = segmenter;
        _model = model;
    }

    /// <summary>A tagger over <paramref name="segmenter"/>'s dictionary (a new default segmenter when null).</summary>
    /// <param name="segmenter">The segmenter whose dictionary, user words and tags to use.</param>
    /// <returns>The tagger.</returns>
    public static PosTagger Create(JiebaSegmenter? segmenter = null) => new(segmenter ?? JiebaSegmenter.Create(), PosSegModel.Default);

    /// <summary>The segmenter this tagger reads its dictionary from.</summary>
    public JiebaSegmenter Segmenter => _segmenter;

    /// <summary>Tags <paramref name="text"/>: the same words and tags as <c>jieba.posseg.lcut(text, HMM=hmm)</c>.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="hmm">Use the POS HMM for runs of unknown characters (default on).</param>
    /// <returns>The tagged words in order; they concatenate to the input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    public IReadOnlyList<TaggedWord> Tag(string text, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<TaggedWord>();
        PrefixDictionary dict = _segmenter.State.Dictionary;
        int i = 0;
        while (i < text.Length)
        {
            int j = i;
            bool block = IsBlock(text[i]);
            while (j < text.Length && IsBlock(text[j]) == block)
            {
                j++;
            }

            if (block)
            {
                CutDag(dict, text, i, j, hmm, output);
            }
            else
            {
                CutSkip(text, i, j, output);
            }

            i = j;
        }

        return output;
    }

    // re_han_internal: [\u4E00-\u9FD5a-zA-Z0-9+#&\._] (no '%' or '-', unlike jieba.cut).
    private static bool IsBlock(char c) => CharClass.IsHan(c) || char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '&' or '.' or '_';

    /// <summary>Outside blocks: separators (<c>\r\n</c> or Python whitespace) and every other code point are tagged <c>x</c>.</summary>
    private static void CutSkip(string text, int start, int end, List<TaggedWord> output)
    {
        int p = start;
        while (p < end)
        {
            char c = text[p];
            int width = c == '\r' && p + 1 < end && text[p + 1] == '\n' ? 2
                : char.IsHighSurrogate(c) && p + 1 < end && char.IsLowSurrogate(text[p + 1]) ? 2 : 1;
            output.Add(new TaggedWord(text.Substring(p, width), "x", p));
            p += width;
        }
    }

    /// <summary><c>POSTokenizer.__cut_DAG</c> and <c>__cut_DAG_NO_HMM</c> over one block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    private void CutDag(PrefixDictionary dict, string text, int start, int end, bool hmm, List<TaggedWord> output)
    {
        int n = end - start;
        var prob = new double[n + 1];
        var routeEnd = new int[n + 1];
        SegmentationEngine.CalcRoute(dict, text.AsSpan(start, n), prob, routeEnd);
        int x = 0, bufStart = -1;
        while (x < n)
        {
            int y = routeEnd[x] + 1;
            bool single = y - x == 1;
            bool buffer = hmm ? single : single && char.IsAsciiLetterOrDigit(text[start + x]);
            if (buffer)
            {
                if (bufStart < 0)
                {
                    bufStart = x;
                }
            }
            else
            {
                if (bufStart >= 0)
                {
                    Flush(dict, text, start + bufStart, start + x, hmm, output);
                    bufStart = -1;
                }

                output.Add(Word(dict, text, start + x, y - x));
            }

            x = y;
        }

        if (bufStart >= 0)
        {
            Flush(dict, text, start + bufStart, end, hmm, output);
        }
    }

    private void Flush(PrefixDictionary dict, string text, int start, int end, bool hmm, List<TaggedWord> output)
    {
        if (!hmm)
        {
            output.Add(new TaggedWord(text[start..end], "eng", start)); // NO_HMM glues single letters/digits as 'eng'
        }
        else if (end - start == 1)
        {
            output.Add(Word(dict, text, start, 1));
        }
        else if (!dict.IsWord(text.AsSpan(start, end - start)))
        {
            CutDetail(text, start, end, output);
        }
        else
        {
            for (int i = start; i < end; i++)
            {
                output.Add(Word(dict, text, i, 1));
            }
        }
    }

    /// <summary>A dictionary word with its tag (<c>word_tag_tab.get(word, 'x')</c>).</summary>
    private static TaggedWord Word(PrefixDictionary dict, string text, int start, int length)
    {
        int node = dict.Find(text.AsSpan(start, length));
        return new TaggedWord(text.Substring(start, length), (node == 0 ? null : dict.Tag(node)) ?? "x", start);
    }

    /// <summary>
    /// <c>__cut_detail</c>: Han runs through the POS HMM; the rest split by <c>([\.0-9]+|[a-zA-Z0-9]+)</c>
    /// into numbers (<c>m</c>), Latin words (<c>eng</c>) and other pieces (<c>x</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    private void CutDetail(string text, int start, int end, List<TaggedWord> output)
    {
        int i = start;
        while (i < end)
        {
            int j = i;
            if (CharClass.IsHan(text[i]))
            {
                while (j < end && CharClass.IsHan(text[j]))
                {
                    j++;
                }

                HmmCut(text, i, j, output);
                i = j;
                continue;
            }

            while (j < end && !CharClass.IsHan(text[j]))
            {
                j++;
            }

            int gap = i;
            int p = i;
            while (p < j)
            {
                char c = text[p];
                bool num = c == '.' || char.IsAsciiDigit(c);
                if (!num && !char.IsAsciiLetter(c))
                {
                    p++;
                    continue;
                }

                int m = p + 1;
                while (m < j && (num ? text[m] == '.' || char.IsAsciiDigit(text[m]) : char.IsAsciiLetterOrDigit(text[m])))
                {
                    m++;
                }

                if (p > gap)
                {
                    output.Add(new TaggedWord(text[gap..p], "x", gap));
                }

                output.Add(new TaggedWord(text[p..m], num ? "m" : "eng", p));
                p = m;
                gap = m;
            }

            if (j > gap)
            {
                output.Add(new TaggedWord(text[gap..j], "x", gap));
            }

            i = j;
        }
    }

    /// <summary><c>POSTokenizer.__cut</c>: decode (position, tag) states; a word takes the tag of its last state (of its first for a trailing run).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    private void HmmCut(string text, int start, int end, List<TaggedWord> output)
    {
        int[] route = _model.Viterbi(text.AsSpan(start, end - start));
        int begin = 0, next = 0;
        for (int i = 0; i < route.Length; i++)
        {
            switch (_model.Position(route[i]))
            {
                case 'B':
                    begin = i;
                    break;
                case 'E':
                    output.Add(new TaggedWord(text.Substring(start + begin, i + 1 - begin), _model.Tag(route[i]), start + begin));
                    next = i + 1;
                    break;
                case 'S':
                    output.Add(new TaggedWord(text.Substring(start + i, 1), _model.Tag(route[i]), start + i));
                    next = i + 1;
                    break;
            }
        }

        if (next < route.Length)
        {
            output.Add(new TaggedWord(text.Substring(start + next, route.Length - next), _model.Tag(route[next]), start + next));
        }
    }
}
