using Microsoft.ML.Data;
using TextInsight.Features;

namespace TextInsight.Features;

/// <summary>
/// Computes at inference what the trained ML.NET featurizer (<c>Training.FeaturizerFactory</c>) computes:
/// per block, the count of each vocabulary n-gram times its IDF <c>log(N / df)</c>, L2-normalised, then
/// the urgency cue counts. It holds the featurizer's vocabulary and document frequencies, written at
/// training time only after reproducing ML.NET's vectors on every training message (see
/// <see cref="Verify"/>), so a model scores without running an ML.NET pipeline per message.
/// </summary>
/// <remarks>Immutable and thread-safe; per-call scratch space is per thread.</remarks>
internal sealed class NgramFeaturizer
{
    private const int MaxItems = 6;
    private const int MaxWordIds = (1 << 24) - 2;

    private readonly Block _words;
    private readonly Block _chars;
    private readonly Dictionary<string, int> _wordIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordIdLookup;
    private string[]? _tokens;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly int _cueFeatures;

    private NgramFeaturizer(Block words, Block chars, Dictionary<string, int> wordIds, int cueFeatures)
    {
        _cueFeatures = cueFeatures;
        _words = words;
        _chars = chars;
        _wordIds = wordIds;
        _wordIdLookup = wordIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Features: word n-grams, then character n-grams, then the cue counts.</summary>
    internal int Dimension => _words.Size + _chars.Size + _cueFeatures;

    /// <summary>The feature vector of one prepared message (sparse, indices ascending).</summary>
    internal VBuffer<float> Featurize(FeatureRow row)
    {
        Scratch s = t_scratch ??= new Scratch();
        s.Begin(Math.Max(_words.Size, _chars.Size));
        CountWords(row.Words, s);
        s.Flush(_words.Idf, 0);
        CountChars(row.Chars, s);
        s.Flush(_chars.Idf, _words.Size);
        int cueBase = _words.Size + _chars.Size;
        for (int i = 0; i < row.Cues.Length && i < _cueFeatures; i++)
        {
            if (row.Cues[i] != 0)
            {
                s.Emit(cueBase + i, row.Cues[i]);
            }
        }

        return s.ToVBuffer(Dimension);
    }

    private void CountWords(string words, Scratch s)
    {
        // Token ids of the message in order (-1: a token in no vocabulary n-gram, which breaks every n-gram over it).
        Span<int> ids = s.Ids(words.Length);
        int count = 0;
        foreach (Range r in words.AsSpan().Split(' '))
        {
            ReadOnlySpan<char> token = words.AsSpan(r);
            if (token.Length > 0)
            {
                ids[count++] = _wordIdLookup.TryGetValue(token, out int id) ? id : -1;
            }
        }

        CountNgrams(ids[..count], _words, s);
    }

    private void CountChars(string chars, Scratch s)
    {
        Span<int> ids = s.Ids(chars.Length);
        for (int i = 0; i < chars.Length; i++)
        {
            ids[i] = chars[i];
        }

        CountNgrams(ids[..chars.Length], _chars, s);
    }

    private static void CountNgrams(ReadOnlySpan<int> ids, Block block, Scratch s)
    {
        // Level by level: nodes[i] is the trie node of the n-gram starting at i. The lookups of one level
        // are independent, so the CPU overlaps their cache misses (a walk per position would chain them).
        NgramTrie trie = block.Trie;
        Span<int> nodes = s.Nodes(ids.Length);
        int live = ids.Length;
        for (int i = 0; i < ids.Length; i++)
        {
            int slot = -1;
            nodes[i] = ids[i] < 0 ? -1 : trie.Child(0, ids[i], out slot);
            if (slot >= 0)
            {
                s.Count(slot);
            }
        }

        for (int n = 1; n < block.MaxN && live > 0; n++)
        {
            // An unknown item or prefix ends every longer n-gram from i (ML.NET's n-grams are consecutive too).
            live = 0;
            for (int i = 0; i + n < ids.Length; i++)
            {
                int parent = nodes[i];
                if (parent < 0)
                {
                    continue;
                }

                int item = ids[i + n], slot = -1;
                int node = item < 0 ? -1 : trie.Child(parent, item, out slot);
                nodes[i] = node;
                if (node >= 0)
                {
                    live++;
                    if (slot >= 0)
                    {
                        s.Count(slot);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Builds the featurizer from a fitted ML.NET featurizer's vocabulary (<paramref name="wordNames"/> and
    /// <paramref name="charNames"/>: its slot names, n-gram items joined by '|') and the training messages
    /// it was fitted on (document frequencies are counted here the way ML.NET counts them).
    /// </summary>
    /// <returns>The featurizer, or null when the vocabulary cannot be represented (e.g. a token holding '|').</returns>
    internal static NgramFeaturizer? Build(string[] wordNames, string[] charNames, IReadOnlyList<FeatureRow> training, int wordN, int charN, int cueFeatures)
    {
        var wordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        string[][]? wordGrams = SplitNames(wordNames, wordN);
        string[][]? charGrams = SplitNames(charNames, charN);
        if (wordGrams is null || charGrams is null || charGrams.Any(g => g.Any(c => c.Length != 1)))
        {
            return null;
        }

        foreach (string[] gram in wordGrams)
        {
            foreach (string token in gram)
            {
                if (!wordIds.ContainsKey(token))
                {
                    if (wordIds.Count >= MaxWordIds)
                    {
                        return null;
                    }

                    wordIds.Add(token, wordIds.Count);
                }
            }
        }

        Block? words = Block.Create(NgramList.From(wordGrams.Select(g => g.Select(t => wordIds[t]).ToArray())), new int[wordGrams.Length], training.Count, wordN, wordIds.Count);
        Block? chars = Block.Create(NgramList.From(charGrams.Select(g => g.Select(c => (int)c[0]).ToArray())), new int[charGrams.Length], training.Count, charN, char.MaxValue + 1);
        if (words is null || chars is null)
        {
            return null;
        }

        var counting = new NgramFeaturizer(words, chars, wordIds, cueFeatures);
        var wordDf = new int[words.Size];
        var charDf = new int[chars.Size];
        var s = new Scratch();
        foreach (FeatureRow row in training)
        {
            s.Begin(Math.Max(words.Size, chars.Size));
            counting.CountWords(row.Words, s);
            s.AddDocumentFrequencies(wordDf);
            counting.CountChars(row.Chars, s);
            s.AddDocumentFrequencies(charDf);
        }

        return new NgramFeaturizer(words.WithDf(wordDf, training.Count), chars.WithDf(charDf, training.Count), wordIds, cueFeatures);
    }

    /// <summary>
    /// The largest absolute difference between this featurizer's vectors and ML.NET's
    /// (<paramref name="expected"/>) for the same rows.
    /// </summary>
    internal double Verify(IReadOnlyList<FeatureRow> rows, IReadOnlyList<VBuffer<float>> expected)
    {
        double worst = 0;
        var dense = new float[Dimension];
        for (int i = 0; i < rows.Count; i++)
        {
            if (expected[i].Length != Dimension)
            {
                return double.PositiveInfinity;
            }

            Array.Clear(dense);
            expected[i].CopyTo(dense);
            VBuffer<float> mine = Featurize(rows[i]);
            ReadOnlySpan<int> idx = mine.GetIndices();
            ReadOnlySpan<float> val = mine.GetValues();
            for (int k = 0; k < idx.Length; k++)
            {
                dense[idx[k]] -= val[k];
            }

            foreach (float d in dense)
            {
                worst = Math.Max(worst, Math.Abs(d));
            }
        }

        return worst;
    }

    /// <summary>The display name of a feature the way ML.NET names its slot, e.g. <c>WordGrams.物业|收费</c>.</summary>
    internal string SlotName(int feature) =>
        feature < _words.Size ? "WordGrams." + _words.Name(feature, id => Tokens()[id])
        : feature < _words.Size + _chars.Size ? "CharGrams." + _chars.Name(feature - _words.Size, c => ((char)c).ToString())
        : "Cues." + (feature - _words.Size - _chars.Size);

    // Word tokens by id, built on first use (only names and saving need them).
    private string[] Tokens()
    {
        if (_tokens is null)
        {
            var names = new string[_wordIds.Count];
            foreach ((string token, int id) in _wordIds)
            {
                names[id] = token;
            }

            _tokens = names;
        }

        return _tokens;
    }

    private static string[][]? SplitNames(string[] names, int maxN)
    {
        var grams = new string[names.Length][];
        for (int i = 0; i < names.Length; i++)
        {
            grams[i] = names[i].Split('|');
            if (grams[i].Length > maxN || grams[i].Any(t => t.Length == 0))
            {
                return null;
            }
        }

        return grams;
    }

    /// <summary>Writes the vocabulary and document frequencies (format described in <see cref="Read"/>).</summary>
    internal void Write(BinaryWriter w)
    {
        string[] tokens = Tokens();
        w.Write(tokens.Length);
        foreach (string t in tokens)
        {
            w.Write(t);
        }

        _words.Write(w);
        _chars.Write(w);
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote: the word tokens; then per block (words, characters) the
    /// document count N, longest n-gram, slot count, and per slot its item codes and df.
    /// </summary>
    /// <param name="r">The entry.</param>
    /// <param name="cueFeatures">How many urgency cue counts follow the n-grams (the model's cue lists say).</param>
    /// <exception cref="InvalidDataException">The data is truncated or inconsistent.</exception>
    internal static NgramFeaturizer Read(BinaryReader r, int cueFeatures)
    {
        int tokenCount = r.ReadInt32();
        if (tokenCount is < 0 or > MaxWordIds)
        {
            throw new InvalidDataException($"{tokenCount} word tokens");
        }

        var wordIds = new Dictionary<string, int>(tokenCount, StringComparer.Ordinal);
        for (int i = 0; i < tokenCount; i++)
        {
            if (!wordIds.TryAdd(r.ReadString(), i))
            {
                throw new InvalidDataException("a word token is listed twice");
            }
        }

        Block words = Block.Read(r, tokenCount);
        Block chars = Block.Read(r, char.MaxValue + 1);
        return new NgramFeaturizer(words, chars, wordIds, cueFeatures);
    }

    /// <summary>One n-gram block: n-gram key to slot, and each slot's IDF.</summary>
    private sealed class Block
    {
        private readonly NgramList _grams; // per slot, its item codes

        private Block(NgramList grams, int[] df, int documents, int maxN, NgramTrie trie)
        {
            _grams = grams;
            Df = df;
            Documents = documents;
            MaxN = maxN;
            Trie = trie;
            Idf = new double[grams.Count];
            for (int i = 0; i < df.Length; i++)
            {
                // ML.NET's IDF: log(documents / df), 0 for an n-gram no document held.
                Idf[i] = df[i] == 0 ? 0 : Math.Log((double)documents / df[i]);
            }
        }

        internal int Size => _grams.Count;

        internal int MaxN { get; }

        internal int Documents { get; }

        internal int[] Df { get; }

        internal double[] Idf { get; }

        internal NgramTrie Trie { get; }

        internal static Block? Create(NgramList grams, int[] df, int documents, int maxN, int itemLimit)
        {
            for (int i = 0; i < grams.Count; i++)
            {
                if (grams[i].Length is 0 or > MaxItems || grams[i].Length > maxN)
                {
                    return null;
                }
            }

            var trie = new NgramTrie(grams, itemLimit, out bool unique);
            return unique ? new Block(grams, df, documents, maxN, trie) : null; // else two slots share a name: names do not identify n-grams
        }

        internal Block WithDf(int[] df, int documents) => new(_grams, df, documents, MaxN, Trie);

        internal string Name(int slot, Func<int, string> item) => string.Join('|', _grams[slot].ToArray().Select(item));

        internal void Write(BinaryWriter w)
        {
            w.Write(Documents);
            w.Write(MaxN);
            w.Write(_grams.Count);
            for (int i = 0; i < _grams.Count; i++)
            {
                w.Write((byte)_grams[i].Length);
                foreach (int code in _grams[i])
                {
                    w.Write7BitEncodedInt(code);
                }

                w.Write7BitEncodedInt(Df[i]);
            }
        }

        internal static Block Read(BinaryReader r, int codeLimit)
        {
            int documents = r.ReadInt32();
            int maxN = r.ReadInt32();
            int count = r.ReadInt32();
            if (documents < 1 || maxN is < 1 or > MaxItems || count is < 0 or > 50_000_000)
            {
                throw new InvalidDataException($"an n-gram block of {count} slots, n <= {maxN}, over {documents} documents");
            }

            // Flat arrays: one allocation per block instead of one per n-gram (347k in the default model).
            var items = new List<int>(count * 2);
            var offsets = new int[count + 1];
            var df = new int[count];
            for (int i = 0; i < count; i++)
            {
                int n = r.ReadByte();
                if (n is < 1 || n > maxN)
                {
                    throw new InvalidDataException($"an n-gram of length {n} in a block of n <= {maxN}");
                }

                for (int k = 0; k < n; k++)
                {
                    int code = r.Read7BitEncodedInt();
                    if ((uint)code >= (uint)codeLimit)
                    {
                        throw new InvalidDataException($"an n-gram item {code} is out of range");
                    }

                    items.Add(code);
                }

                offsets[i + 1] = items.Count;

                df[i] = r.Read7BitEncodedInt();
                if (df[i] < 0 || df[i] > documents)
                {
                    throw new InvalidDataException($"a document frequency {df[i]} over {documents} documents");
                }
            }

            return Create(new NgramList([.. items], offsets), df, documents, maxN, codeLimit) ?? throw new InvalidDataException("an n-gram is listed twice");
        }
    }

    /// <summary>A list of n-grams stored flat: the items of n-gram i are items[offsets[i]..offsets[i + 1]].</summary>
    internal readonly struct NgramList(int[] items, int[] offsets)
    {
        internal int Count => offsets.Length - 1;

        internal ReadOnlySpan<int> this[int i] => items.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);

        internal static NgramList From(IEnumerable<int[]> grams)
        {
            var items = new List<int>();
            var offsets = new List<int> { 0 };
            foreach (int[] g in grams)
            {
                items.AddRange(g);
                offsets.Add(items.Count);
            }

            return new NgramList([.. items], [.. offsets]);
        }
    }

    /// <summary>Per-thread counting space: a dense count per slot, the slots touched, and the output entries.</summary>
    private sealed class Scratch
    {
        private int[] _counts = [];
        private int[] _touched = new int[256];
        private int _touchedCount;
        private int[] _ids = new int[256];
        private int[] _nodes = new int[256];
        private readonly List<int> _indices = new(512);
        private readonly List<float> _values = new(512);

        internal void Begin(int slots)
        {
            if (_counts.Length < slots)
            {
                _counts = new int[slots];
            }

            _touchedCount = 0;
            _indices.Clear();
            _values.Clear();
        }

        internal Span<int> Nodes(int length) => Grown(ref _nodes, length);

        internal Span<int> Ids(int length) => Grown(ref _ids, length);

        private static Span<int> Grown(ref int[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new int[Math.Max(length, buffer.Length * 2)];
            }

            return buffer.AsSpan(0, length);
        }

        internal void Count(int slot)
        {
            if (_counts[slot]++ == 0)
            {
                if (_touchedCount == _touched.Length)
                {
                    Array.Resize(ref _touched, _touched.Length * 2);
                }

                _touched[_touchedCount++] = slot;
            }
        }

        internal void Emit(int index, float value)
        {
            _indices.Add(index);
            _values.Add(value);
        }

        /// <summary>Emits the touched slots as count x IDF, L2-normalised (ML.NET's order of operations), and clears them.</summary>
        internal void Flush(double[] idf, int offset)
        {
            Span<int> touched = _touched.AsSpan(0, _touchedCount);
            touched.Sort();
            int start = _values.Count;
            double sumSquares = 0;
            foreach (int slot in touched)
            {
                float v = (float)(_counts[slot] * idf[slot]);
                _counts[slot] = 0;
                if (v != 0)
                {
                    Emit(offset + slot, v);
                    sumSquares += (double)v * v;
                }
            }

            _touchedCount = 0;
            if (sumSquares > 0)
            {
                float scale = (float)(1 / Math.Sqrt(sumSquares));
                for (int k = start; k < _values.Count; k++)
                {
                    _values[k] *= scale;
                }
            }
        }

        /// <summary>Adds one to the document frequency of each touched slot, and clears them.</summary>
        internal void AddDocumentFrequencies(int[] df)
        {
            for (int k = 0; k < _touchedCount; k++)
            {
                df[_touched[k]]++;
                _counts[_touched[k]] = 0;
            }

            _touchedCount = 0;
        }

        internal VBuffer<float> ToVBuffer(int length) => new(length, _values.Count, [.. _values], [.. _indices]);
    }
}
