using System.Numerics;
using System.Runtime.CompilerServices;

namespace TextInsight.Segmentation.Dictionary;

/// <summary>
/// jieba's prefix dictionary (<c>FREQ</c>) as a trie over UTF-16 code units: every word and every
/// prefix of a word is a node; a node is a word when its frequency is above zero.
/// </summary>
/// <remarks>
/// Mutable while it is being built; a segmenter only ever reads a published instance and edits a
/// <see cref="Clone"/> (copy-on-write), so readers never see a half-applied change.
/// Per node it keeps <c>log(freq)</c> rather than <c>log(freq) - log(total)</c>: adding a word then
/// changes one node, and the segmenter subtracts <see cref="LogTotal"/> at the same point in the
/// expression as jieba does, so the doubles are bit-identical.
/// </remarks>
internal sealed class PrefixDictionary
{
    /// <summary>Marks a node that is only a prefix (frequency 0).</summary>
    internal const double NotAWord = -1.0;

    private const ulong HashMultiplier = 0x9E3779B97F4A7C15UL;

    // Children of the root, indexed by the code unit: the first character is the hottest lookup.
    private readonly int[] _rootChildren;
    private Edge[] _edges;
    private int _edgeShift;
    private int _edgeCount;
    private long[] _freq;
    private double[] _logFreq;
    private ushort[] _tagId;
    private readonly List<string> _tags;
    private int _nodeCount;

    private struct Edge
    {
        public long Key;   // (parent << 16) | ch; parent >= 1, so 0 marks an empty slot
        public int Child;
    }

    internal PrefixDictionary(int nodeCapacity = 1 << 16)
    {
        _rootChildren = new int[65536];
        int edgeCapacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1024, nodeCapacity * 2));
        _edges = new Edge[edgeCapacity];
        _edgeShift = 64 - BitOperations.Log2((uint)edgeCapacity);
        _freq = new long[nodeCapacity];
        _logFreq = new double[nodeCapacity];
        _tagId = new ushort[nodeCapacity];
        _tags = [""];
        _nodeCount = 1; // node 0 is the root (the empty string, never a word)
        _logFreq[0] = NotAWord;
    }

    private PrefixDictionary(PrefixDictionary other)
    {
        _rootChildren = (int[])other._rootChildren.Clone();
        _edges = (Edge[])other._edges.Clone();
        _edgeShift = other._edgeShift;
        _edgeCount = other._edgeCount;
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

    /// <summary>The child of <paramref name="node"/> along <paramref name="ch"/>, or 0 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Child(int node, char ch)
    {
        if (node == 0)
        {
            return _rootChildren[ch];
        }

        long key = ((long)node << 16) | ch;
        Edge[] edges = _edges;
        int mask = edges.Length - 1;
        int i = (int)(((ulong)key * HashMultiplier) >> _edgeShift);
        while (true)
        {
            ref Edge e = ref edges[i];
            if (e.Key == key)
            {
                return e.Child;
            }

            if (e.Key == 0)
            {
                return 0;
            }

            i = (i + 1) & mask;
        }
    }

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
    /// jieba's <c>FREQ[word] = freq; total += freq</c> plus the prefixes at frequency 0. The total grows
    /// even when the word was present (jieba does not subtract the old frequency).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void SetWord(ReadOnlySpan<char> word, long freq, string? tag)
    {
        int node = 0;
        foreach (char c in word)
        {
            node = GetOrAddChild(node, c);
        }

        if (node == 0)
        {
            return; // the empty word; jieba would store it but it can never be looked up by a cut
        }

        _freq[node] = freq;
        _logFreq[node] = freq > 0 ? Math.Log(freq) : NotAWord;
        if (tag is not null)
        {
            _tagId[node] = TagId(tag);
        }

        Total += freq;
        WordCount++;
        if (!_bulkLoading)
        {
            LogTotal = Math.Log(Total);
        }
    }

    private bool _bulkLoading;

    /// <summary>Adds the lines of a main dictionary; <c>log(total)</c> is computed once at the end.</summary>
    internal void BeginBulkLoad() => _bulkLoading = true;

    internal void EndBulkLoad()
    {
        _bulkLoading = false;
        LogTotal = Math.Log(Total);
    }

    private ushort TagId(string tag)
    {
        int i = _tags.IndexOf(tag);
        if (i < 0)
        {
            if (_tags.Count == ushort.MaxValue)
            {
                throw new InvalidOperationException("A dictionary may hold at most 65,534 distinct part-of-speech tags.");
            }

            _tags.Add(tag);
            i = _tags.Count - 1;
        }

        return (ushort)i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int GetOrAddChild(int node, char ch)
    {
        int child = Child(node, ch);
        if (child != 0)
        {
            return child;
        }

        child = NewNode();
        if (node == 0)
        {
            _rootChildren[ch] = child;
            return child;
        }

        if ((_edgeCount + 1) * 2 > _edges.Length)
        {
            GrowEdges();
        }

        InsertEdge(_edges, _edgeShift, ((long)node << 16) | ch, child);
        _edgeCount++;
        return child;
    }

    private int NewNode()
    {
        if (_nodeCount == _freq.Length)
        {
            int size = _freq.Length * 2;
            Array.Resize(ref _freq, size);
            Array.Resize(ref _logFreq, size);
            Array.Resize(ref _tagId, size);
        }

        _logFreq[_nodeCount] = NotAWord;
        return _nodeCount++;
    }

    private void GrowEdges()
    {
        var bigger = new Edge[_edges.Length * 2];
        int shift = _edgeShift - 1;
        foreach (Edge e in _edges)
        {
            if (e.Key != 0)
            {
                InsertEdge(bigger, shift, e.Key, e.Child);
            }
        }

        _edges = bigger;
        _edgeShift = shift;
    }

    private static void InsertEdge(Edge[] edges, int shift, long key, int child)
    {
        int mask = edges.Length - 1;
        int i = (int)(((ulong)key * HashMultiplier) >> shift);
        while (edges[i].Key != 0)
        {
            i = (i + 1) & mask;
        }

        edges[i].Key = key;
        edges[i].Child = child;
    }
}
