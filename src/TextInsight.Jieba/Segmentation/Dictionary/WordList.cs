using System.Runtime.CompilerServices;
namespace TextInsight.Jieba.Segmentation.Dictionary;

/// <summary>
/// The lines of a main dictionary, decoded into one character buffer and sorted ordinally (stable,
/// so among equal words the last line stays last), ready for <see cref="PrefixDictionary.Build"/>.
/// </summary>
internal sealed class WordList
{
    internal readonly record struct Entry(int Offset, int Length, long Frequency, ushort Tag);

    private char[] _chars;
    private int _charCount;
    private Entry[] _entries;

    /// <param name="utf8Bytes">Size of the source, to allocate once: a UTF-8 byte makes at most one char, a line at least 4 bytes.</param>
    internal WordList(int utf8Bytes)
    {
        _chars = new char[Math.Max(16, utf8Bytes / 2)];
        _entries = new Entry[Math.Max(16, utf8Bytes / 12)];
        Tags = [""];
    }

    internal ReadOnlySpan<char> Chars => _chars.AsSpan(0, _charCount);

    internal Entry[] Entries => _entries;

    internal int Count { get; private set; }

    /// <summary>Tag names; index 0 is "no tag".</summary>
    internal List<string> Tags { get; }

    /// <summary>Sum of the frequencies of all lines (duplicates included).</summary>
    internal long Total { get; private set; }

    internal int LineCount => Count;

    /// <summary>True while every added word sorted at or after the previous one.</summary>
    internal bool IsSorted { get; private set; } = true;

    /// <summary>Room for <paramref name="length"/> more characters; write them, then call <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once at load, before tiered JIT would optimise it
    internal Span<char> Reserve(int length)
    {
        if (_charCount + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length + (_chars.Length >> 1), _charCount + length));
        }

        return _chars.AsSpan(_charCount, length);
    }

    /// <summary>Adds the word just written into <see cref="Reserve"/>'s span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once at load, before tiered JIT would optimise it
    internal void Add(int length, long frequency, ushort tag)
    {
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, Count + (Count >> 1));
        }

        var entry = new Entry(_charCount, length, frequency, tag);
        if (IsSorted && Count > 0 && Word(_entries[Count - 1]).SequenceCompareTo(Word(entry)) > 0)
        {
            IsSorted = false;
        }

        _entries[Count++] = entry;
        _charCount += length;
        Total += frequency;
    }

    internal ReadOnlySpan<char> Word(Entry e) => _chars.AsSpan(e.Offset, e.Length);

    /// <summary>Sorts ordinally, keeping the file order of equal words (jieba keeps the last one).</summary>
    internal void Sort()
    {
        if (IsSorted)
        {
            return;
        }

        char[] chars = _chars;
        var order = new int[Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Entry[] entries = _entries;
        Array.Sort(order, (a, b) =>
        {
            int c = chars.AsSpan(entries[a].Offset, entries[a].Length).SequenceCompareTo(chars.AsSpan(entries[b].Offset, entries[b].Length));
            return c != 0 ? c : a.CompareTo(b);
        });
        var sorted = new Entry[Count];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = entries[order[i]];
        }

        _entries = sorted;
        IsSorted = true;
    }
}
