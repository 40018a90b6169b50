using System.Runtime.CompilerServices;

namespace TextInsight.Jieba.Segmentation.Dictionary;

/// <summary>
/// jieba's prefix dictionary (<c>FREQ</c>) as a trie over UTF-16 code units: every word and every
/// prefix of a word is a node; a node is a word when its frequency is above zero.
/// </summary>
/// <remarks>
/// <para>The nodes of the loaded dictionary are numbered in breadth-first order with each node's
/// children contiguous and sorted, so a child lookup is a short search in a few cache lines
/// (<c>_chars</c> is 2 bytes a node), and building it from sorted words is one linear pass.
/// Words added later live in a small overlay map; the base arrays are shared and never written.</para>
/// <para>Mutable only while being built or edited; a segmenter reads a published instance and edits a
/// <see cref="Clone"/> (copy-on-write). Per node it keeps <c>log(freq)</c> rather than
/// <c>log(freq) - log(total)</c>, so adding a word changes one node; the segmenter subtracts
/// <see cref="LogTotal"/> at the same point of the expression as jieba, so the doubles are identical.</para>
/// </remarks>
internal sealed class PrefixDictionary
{
    /// <summary>Marks a node that is only a prefix (frequency 0).</summary>
    internal const double NotAWord = -1.0;

    // Base trie, shared by all clones: node v's children are nodes _first[v] .. _first[v+1]-1,
    // and _chars[c] is the character on the edge into node c.
    private readonly char[] _chars;
    private readonly int[] _first;
    private readonly int _baseCount;

    // Children of the root by character (base and overlay): the first lookup of every walk.
    private readonly int[] _root;

    // Edges added by edits, keyed by (parent << 16) | ch.
    private readonly Dictionary<long, int> _overlay;

    private long[] _freq;
    private double[] _logFreq;
    private ushort[] _tagId;
    private readonly List<string> _tags;
    private int _nodeCount;

    private PrefixDictionary(char[] chars, int[] first, int baseCount, List<string> tags)
    {
        _chars = chars;
        _first = first;
        _baseCount = baseCount;
        _root = new int[65536];
        for (int c = first[0]; c < first[1]; c++)
        {
            _root[chars[c]] = c;
        }

        _overlay = [];
        _freq = new long[baseCount];
        _logFreq = new double[baseCount];
        _tagId = new ushort[baseCount];
        _tags = tags;
        _nodeCount = baseCount;
    }

    private PrefixDictionary(PrefixDictionary other)
    {
        _chars = other._chars;
        _first = other._first;
        _baseCount = other._baseCount;
        _root = (int[])other._root.Clone();
        _overlay = new Dictionary<long, int>(other._overlay);
        _freq = (long[])other._freq.Clone();
        _logFreq = (double[])other._logFreq.Clone();
        _tagId = (ushort[])other._tagId.Clone();
        _tags = [.. other._tags];
        _nodeCount = other._nodeCount;
        Total = other.Total;
        LogTotal = other.LogTotal;
        WordCount = other.WordCount;
    }

    /// <summary>Sum of all frequencies added (jieba's <c>total</c>, including overwritten entries).</summary>
    internal long Total { get; private set; }

    /// <summary><c>log(total)</c>, as jieba computes it once per call to <c>calc</c>.</summary>
    internal double LogTotal { get; private set; }

    /// <summary>Number of word entries added (lines of the dictionary plus user words).</summary>
    internal int WordCount { get; private set; }

    /// <summary>Number of trie nodes, i.e. entries of jieba's prefix dictionary plus the root.</summary>
    internal int NodeCount => _nodeCount;

    internal PrefixDictionary Clone() => new(this);

    /// <summary>
    /// Builds the trie from <paramref name="words"/>, which must be sorted ordinally; equal words are
    /// adjacent and the last one's frequency and tag win, while every line counts toward the total
    /// (jieba's <c>gen_pfdict</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once at load, before tiered JIT would optimise it
    internal static PrefixDictionary Build(WordList words)
    {
        ReadOnlySpan<char> text = words.Chars;
        WordList.Entry[] entries = words.Entries;
        int n = words.Count;

        // Breadth-first: a node covers the contiguous range of sorted words that start with its prefix;
        // its children are the runs of equal characters at index `depth` inside that range.
        var rangeStart = new List<int>(n * 2) { 0 };
        var rangeEnd = new List<int>(n * 2) { n };
        var depthOf = new List<int>(n * 2) { 0 };
        var chars = new List<char>(n * 2) { '\0' };
        var first = new List<int>(n * 2);
        var wordAt = new List<int>(n * 2) { -1 };
        for (int node = 0; node < rangeStart.Count; node++)
        {
            first.Add(rangeStart.Count);
            int depth = depthOf[node];
            int i = rangeStart[node], end = rangeEnd[node];
            while (i < end && entries[i].Length == depth)
            {
                wordAt[node] = i; // duplicates of the prefix itself: the last one wins
                i++;
            }

            while (i < end)
            {
                char c = text[entries[i].Offset + depth];
                int j = i + 1;
                while (j < end && text[entries[j].Offset + depth] == c)
                {
                    j++;
                }

                rangeStart.Add(i);
                rangeEnd.Add(j);
                depthOf.Add(depth + 1);
                chars.Add(c);
                wordAt.Add(-1);
                i = j;
            }
        }

        first.Add(rangeStart.Count);
        var dict = new PrefixDictionary([.. chars], [.. first], rangeStart.Count, words.Tags);
        dict._logFreq[0] = NotAWord;
        for (int node = 1; node < dict._baseCount; node++)
        {
            int w = wordAt[node];
            if (w >= 0)
            {
                dict.SetData(node, entries[w].Frequency, entries[w].Tag);
            }
            else
            {
                dict._logFreq[node] = NotAWord;
            }
        }

        dict.Total = words.Total;
        dict.LogTotal = Math.Log(words.Total);
        dict.WordCount = words.LineCount;
        return dict;
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="ch"/>, or 0 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Child(int node, char ch)
    {
        if (node == 0)
        {
            return _root[ch];
        }

        if ((uint)node < (uint)_baseCount)
        {
            int lo = _first[node], hi = _first[node + 1] - 1;
            char[] chars = _chars;
            while (hi - lo > 8)
            {
                int mid = (lo + hi) >>> 1;
                if (chars[mid] < ch)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            // Short ranges (most nodes below the first level) are scanned: fewer mispredicted branches.
            for (int c = lo; c <= hi; c++)
            {
                if (chars[c] == ch)
                {
                    return c;
                }
            }
        }

        return _overlay.Count == 0 ? 0 : OverlayChild(node, ch);
    }

    private int OverlayChild(int node, char ch) =>
        _overlay.TryGetValue(((long)node << 16) | ch, out int child) ? child : 0;

    /// <summary><c>log(freq)</c> of a word node, or <see cref="NotAWord"/> for a prefix-only node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double LogFrequency(int node) => _logFreq[node];

    internal long Frequency(int node) => _freq[node];

    internal string? Tag(int node) => _tagId[node] == 0 ? null : _tags[_tagId[node]];

    /// <summary>The node spelling <paramref name="text"/>, or 0 when it is not in the prefix dictionary.</summary>
    internal int Find(ReadOnlySpan<char> text)
    {
        int node = 0;
        foreach (char c in text)
        {
            node = Child(node, c);
            if (node == 0)
            {
                return 0;
            }
        }

        return node;
    }

    /// <summary>jieba's <c>FREQ.get(text)</c> truthiness: is it a word with a frequency above zero?</summary>
    internal bool IsWord(ReadOnlySpan<char> text)
    {
        int node = Find(text);
        return node != 0 && _freq[node] > 0;
    }

    /// <summary>jieba's <c>FREQ.get(text, fallback)</c>: prefixes are present with frequency 0.</summary>
    internal long GetFrequency(ReadOnlySpan<char> text, long fallback)
    {
        int node = text.IsEmpty ? 0 : Find(text);
        return node == 0 ? fallback : _freq[node];
    }

    /// <summary>
    /// jieba's <c>add_word</c> core: <c>FREQ[word] = freq; total += freq</c> plus the prefixes at
    /// frequency 0. The total grows even when the word was present (jieba does not subtract).
    /// </summary>
    internal void SetWord(ReadOnlySpan<char> word, long freq, string? tag)
    {
        int node = 0;
        foreach (char c in word)
        {
            int child = Child(node, c);
            if (child == 0)
            {
                child = NewNode();
                if (node == 0)
                {
                    _root[c] = child;
                }
                else
                {
                    _overlay[((long)node << 16) | c] = child;
                }
            }

            node = child;
        }

        if (node == 0)
        {
            return; // the empty word can never be looked up by a cut
        }

        SetData(node, freq, tag is null ? (ushort)0 : TagId(tag));
        Total += freq;
        LogTotal = Math.Log(Total);
        WordCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once at load, before tiered JIT would optimise it
    private void SetData(int node, long freq, ushort tagId)
    {
        _freq[node] = freq;
        _logFreq[node] = freq > 0 ? Math.Log(freq) : NotAWord;
        if (tagId != 0)
        {
            _tagId[node] = tagId;
        }
    }

    private ushort TagId(string tag) => InternTag(_tags, tag);

    /// <summary>The index of <paramref name="tag"/> in <paramref name="tags"/>, added when new (index 0 means "no tag").</summary>
    internal static ushort InternTag(List<string> tags, string tag)
    {
        int i = tags.IndexOf(tag);
        if (i < 0)
        {
            if (tags.Count == ushort.MaxValue)
            {
                throw new InvalidOperationException("A dictionary may hold at most 65,534 distinct part-of-speech tags.");
            }

            tags.Add(tag);
            i = tags.Count - 1;
        }

        return (ushort)i;
    }

    private int NewNode()
    {
        if (_nodeCount == _freq.Length)
        {
            int size = Math.Max(16, _freq.Length + (_freq.Length >> 3));
            Array.Resize(ref _freq, size);
            Array.Resize(ref _logFreq, size);
            Array.Resize(ref _tagId, size);
        }

        _logFreq[_nodeCount] = NotAWord;
        return _nodeCount++;
    }
}
