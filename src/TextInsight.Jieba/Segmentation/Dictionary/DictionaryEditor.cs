namespace TextInsight.Jieba.Segmentation.Dictionary;

/// <summary>
/// Applies jieba's user-dictionary operations (<c>add_word</c>, <c>suggest_freq</c>) to a private copy
/// of a segmenter's state, in order, so each operation sees the effect of the previous ones as in jieba.
/// </summary>
internal sealed class DictionaryEditor
{
    private readonly PrefixDictionary _dict;
    private readonly HashSet<string> _forceSplit;
    private readonly SegmenterState _current;

    /// <param name="state">The snapshot to start from.</param>
    /// <param name="copy">Copy the snapshot (for edits); false only for read-only suggestions.</param>
    internal DictionaryEditor(SegmenterState state, bool copy)
    {
        _dict = copy ? state.Dictionary.Clone() : state.Dictionary;
        _forceSplit = copy ? new HashSet<string>(state.ForceSplit) : state.ForceSplit;
        _current = copy ? new SegmenterState(_dict, state.Hmm, _forceSplit) : state;
    }

    internal SegmenterState ToState() => _current;

    /// <summary><c>add_word</c>: a null frequency means <c>suggest_freq(word, False)</c>; 0 also force-splits the word in the HMM.</summary>
    internal void AddWord(string word, long? frequency, string? tag)
    {
        long freq = frequency ?? SuggestJoin(word);
        _dict.SetWord(word, freq, string.IsNullOrEmpty(tag) ? null : tag);
        if (freq == 0)
        {
            _forceSplit.Add(word);
        }
    }

    /// <summary><c>suggest_freq(word)</c> for a string: make the word win over its no-HMM pieces.</summary>
    internal long SuggestJoin(string word, bool tune = false)
    {
        double total = _dict.Total;
        double p = 1;
        foreach (string piece in CutNoHmm(word))
        {
            p *= _dict.GetFrequency(piece, 1) / total;
        }

        long freq = Math.Max(Truncate(p * _dict.Total) + 1, _dict.GetFrequency(word, 1));
        if (tune)
        {
            AddWord(word, freq, null);
        }

        return freq;
    }

    /// <summary><c>suggest_freq(segments)</c> for a tuple: make the joined word lose to the pieces.</summary>
    internal long SuggestSplit(IReadOnlyList<string> segments, bool tune = false)
    {
        double total = _dict.Total;
        double p = 1;
        foreach (string piece in segments)
        {
            p *= _dict.GetFrequency(piece, 1) / total;
        }

        string word = string.Concat(segments);
        long freq = Math.Min(Truncate(p * _dict.Total), _dict.GetFrequency(word, 0));
        if (tune)
        {
            AddWord(word, freq, null);
        }

        return freq;
    }

    // Python's int(float) truncates toward zero.
    private static long Truncate(double value) => (long)Math.Truncate(value);

    private List<string> CutNoHmm(string word)
    {
        var pieces = new List<string>();
        var sink = new Collect(pieces);
        SegmentationEngine.Cut(_current, word, CutMode.Precise, hmm: false, ref sink);
        return pieces;
    }

    private readonly struct Collect(List<string> pieces) : ITokenSink
    {
        public void OnToken(ReadOnlySpan<char> token, int start, int length) => pieces.Add(token.ToString());
    }
}
