using TextInsight.Jieba.Internal;
using TextInsight.Jieba.Segmentation.Dictionary;
using TextInsight.Jieba.Segmentation.Hmm;

namespace TextInsight.Jieba.Segmentation;

/// <summary>
/// A Chinese word segmenter whose output is identical to python jieba 0.42.1 in every mode, with
/// jieba's dictionary and HMM embedded.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> All members are safe to call from many threads at once. Each cut reads one
/// immutable snapshot of the dictionary; the user-dictionary methods (<see cref="AddWord"/>,
/// <see cref="DeleteWord"/>, <see cref="LoadUserDictionary(Stream, string?)"/>,
/// <see cref="SuggestFrequency(string, bool)"/> with <c>tune</c>) copy the snapshot, change the copy
/// and publish it atomically (copy-on-write). A cut running meanwhile finishes on the snapshot it
/// started with; later cuts see the change. Writers are serialised.</para>
/// <para><b>Cost.</b> The embedded dictionary is parsed once per process, on first use, and shared by every
/// instance until one of them changes its dictionary. Each change copies the dictionary (a few
/// milliseconds), so load many words with <see cref="LoadUserDictionary(Stream, string?)"/> rather than
/// one <see cref="AddWord"/> call per word. Create one instance and reuse it.</para>
/// </remarks>
/// <example>
/// <code>
/// var segmenter = JiebaSegmenter.Create();
/// IReadOnlyList&lt;string&gt; words = segmenter.Cut("我来到北京清华大学");   // 我 / 来到 / 北京 / 清华大学
/// </code>
/// </example>
public sealed class JiebaSegmenter
{
    private const string DictResource = "TextInsight.jieba.dict.txt";

    private static readonly Lazy<PrefixDictionary> s_defaultDictionary = new(LoadDefaultDictionary, LazyThreadSafetyMode.ExecutionAndPublication);

    private static PrefixDictionary LoadDefaultDictionary()
    {
        // The HMM tables load on another core meanwhile: together they are most of a cold start.
        _ = Task.Run(() => FinalSegModel.Default);
        return DictionaryParser.ParseMain(EmbeddedData.Mapped(DictResource), DictResource);
    }

    /// <summary>
    /// The version of the cutting rules coded here (the DAG, route, HMM and block splitting that reproduce jieba 0.42.1).
    /// Bump it whenever a cut of the built-in dictionary could change.
    /// </summary>
    private const int RulesVersion = 1;

    private static readonly Lazy<string> s_fingerprint = new(() =>
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"rules {RulesVersion}\n"));
        foreach (string resource in (string[])[DictResource, .. FinalSegModel.Resources])
        {
            sha.AppendData(EmbeddedData.Mapped(resource));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 8));
    });

    /// <summary>
    /// Identifies what <see cref="Create()"/>'s cuts depend on: the embedded dictionary, the HMM tables and the version of
    /// the cutting rules (16 hex digits). Anything trained on these words (a TextInsight classifier records it) can tell
    /// whether a later segmenter cuts the same way.
    /// </summary>
    public static string BuiltInFingerprint => s_fingerprint.Value;

    private readonly Lock _writeLock = new();
    private volatile SegmenterState _state;

    private JiebaSegmenter(PrefixDictionary dictionary) =>
        _state = new SegmenterState(dictionary, FinalSegModel.Default, []);

    /// <summary>A segmenter over jieba 0.42.1's embedded default dictionary.</summary>
    /// <remarks>The first call in a process parses the dictionary (well under a second); later calls are free.</remarks>
    /// <returns>A new segmenter; its user-dictionary changes affect no other instance.</returns>
    public static JiebaSegmenter Create() => new(s_defaultDictionary.Value);

    /// <summary>A segmenter over a main dictionary in jieba's <c>dict.txt</c> format (<c>word freq [tag]</c> per line, UTF-8), like <c>jieba.set_dictionary</c>.</summary>
    /// <param name="dictionary">The dictionary, read from its current position to the end; not disposed.</param>
    /// <param name="sourceName">A name for error messages, e.g. the file name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    /// <exception cref="DictionaryFormatException">A line is not <c>word freq [tag]</c> or not UTF-8.</exception>
    public static JiebaSegmenter Create(Stream dictionary, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return new JiebaSegmenter(DictionaryParser.ParseMain(EmbeddedData.ReadAll(dictionary), sourceName ?? "the dictionary stream"));
    }

    /// <summary>A segmenter over the main dictionary file at <paramref name="dictionaryPath"/> (jieba's <c>dict.txt</c> format).</summary>
    /// <param name="dictionaryPath">Path of a UTF-8 dictionary file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dictionaryPath"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DictionaryFormatException">A line is not <c>word freq [tag]</c> or not UTF-8.</exception>
    public static JiebaSegmenter Create(string dictionaryPath)
    {
        ArgumentNullException.ThrowIfNull(dictionaryPath);
        return new JiebaSegmenter(DictionaryParser.ParseMain(File.ReadAllBytes(dictionaryPath), dictionaryPath));
    }

    internal SegmenterState State => _state;

    /// <summary>Segments <paramref name="text"/>; the same tokens as jieba's <c>lcut</c>, <c>lcut(cut_all=True)</c> or <c>lcut_for_search</c>.</summary>
    /// <param name="text">Any text. Empty text gives no tokens; whitespace gives jieba's whitespace tokens.</param>
    /// <param name="mode">Which jieba cut to reproduce.</param>
    /// <param name="hmm">Use the HMM for runs of unknown characters (jieba's <c>HMM=True</c>, the default). Ignored in <see cref="CutMode.Full"/>.</param>
    /// <returns>The tokens in jieba's order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<string> Cut(string text, CutMode mode = CutMode.Precise, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new StringListSink(text, new List<string>());
        SegmentationEngine.Cut(_state, text, mode, hmm, ref sink);
        return sink.Tokens;
    }

    /// <summary>Segments <paramref name="text"/> and reports each token's offsets, like jieba's <c>tokenize</c> (which it extends to <see cref="CutMode.Full"/>).</summary>
    /// <param name="text">Any text.</param>
    /// <param name="mode">Which jieba cut to reproduce.</param>
    /// <param name="hmm">Use the HMM for unknown runs (default on). Ignored in <see cref="CutMode.Full"/>.</param>
    /// <returns>Tokens with start offsets and lengths in UTF-16 code units.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<Token> Tokenize(string text, CutMode mode = CutMode.Precise, bool hmm = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sink = new TokenListSink(text, new List<Token>());
        SegmentationEngine.Cut(_state, text, mode, hmm, ref sink);
        return sink.Tokens;
    }

    /// <summary>Segments <paramref name="text"/> into a caller-supplied sink, allocating nothing per token.</summary>
    /// <typeparam name="TSink">A sink; a struct sink is called without virtual dispatch.</typeparam>
    /// <param name="text">Any text.</param>
    /// <param name="sink">Receives every token in order; it may keep state.</param>
    /// <param name="mode">Which jieba cut to reproduce.</param>
    /// <param name="hmm">Use the HMM for unknown runs (default on). Ignored in <see cref="CutMode.Full"/>.</param>
    public void Segment<TSink>(ReadOnlySpan<char> text, ref TSink sink, CutMode mode = CutMode.Precise, bool hmm = true)
        where TSink : ITokenSink
        => SegmentationEngine.Cut(_state, text, mode, hmm, ref sink);

    /// <summary>The number of tokens <see cref="Cut"/> would return, without creating them.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="mode">Which jieba cut to reproduce.</param>
    /// <param name="hmm">Use the HMM for unknown runs (default on).</param>
    /// <returns>The token count.</returns>
    public int CountTokens(ReadOnlySpan<char> text, CutMode mode = CutMode.Precise, bool hmm = true)
    {
        var sink = new CountingSink();
        SegmentationEngine.Cut(_state, text, mode, hmm, ref sink);
        return sink.Count;
    }

    /// <summary>The frequency of <paramref name="word"/> in the current dictionary, like <c>jieba.get_FREQ</c>.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The frequency; 0 for a prefix of a word or a deleted word; null when the dictionary does not know it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public long? GetFrequency(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        long f = _state.Dictionary.GetFrequency(word, -1);
        return f < 0 ? null : f;
    }

    /// <summary>The part-of-speech tag the dictionary gives <paramref name="word"/>, or null.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The tag of the main dictionary or the last user-dictionary entry that set one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public string? GetTag(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        PrefixDictionary dict = _state.Dictionary;
        int node = word.Length == 0 ? 0 : dict.Find(word);
        return node == 0 ? null : dict.Tag(node);
    }

    /// <summary>Adds or updates a word, like <c>jieba.add_word</c>.</summary>
    /// <param name="word">The word (non-empty).</param>
    /// <param name="frequency">Its frequency; null computes jieba's <c>suggest_freq(word)</c> so the word is cut whole. 0 deletes it and makes the HMM split it.</param>
    /// <param name="tag">Optional part-of-speech tag.</param>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="word"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frequency"/> is negative.</exception>
    public void AddWord(string word, long? frequency = null, string? tag = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        if (frequency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A word frequency cannot be negative.");
        }

        Edit(editor => editor.AddWord(word, frequency, tag));
    }

    /// <summary>Deletes a word, like <c>jieba.del_word</c>: its frequency becomes 0 and the HMM will not produce it either.</summary>
    /// <param name="word">The word (non-empty).</param>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="word"/> is empty.</exception>
    public void DeleteWord(string word) => AddWord(word, 0);

    /// <summary>Loads a user dictionary in jieba's format, like <c>jieba.load_userdict</c>: one <c>word [freq] [tag]</c> per line, UTF-8, applied in order as one change.</summary>
    /// <param name="userDictionary">The dictionary, read to its end; not disposed.</param>
    /// <param name="sourceName">A name for error messages, e.g. the file name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="userDictionary"/> is null.</exception>
    /// <exception cref="DictionaryFormatException">The data is not UTF-8 or a frequency does not fit 64 bits; nothing is applied.</exception>
    public void LoadUserDictionary(Stream userDictionary, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(userDictionary);
        List<UserDictionaryEntry> entries = DictionaryParser.ParseUser(EmbeddedData.ReadAll(userDictionary), sourceName ?? "the user dictionary stream");
        Edit(editor =>
        {
            foreach (UserDictionaryEntry e in entries)
            {
                editor.AddWord(e.Word, e.Frequency, e.Tag);
            }
        });
    }

    /// <summary>Loads the user dictionary file at <paramref name="path"/>; see <see cref="LoadUserDictionary(Stream, string?)"/>.</summary>
    /// <param name="path">Path of a UTF-8 user dictionary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DictionaryFormatException">The file is not UTF-8; nothing is applied.</exception>
    public void LoadUserDictionary(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        LoadUserDictionary(stream, path);
    }

    /// <summary>jieba's <c>suggest_freq(word, tune)</c>: the frequency that makes <paramref name="word"/> be cut as one token.</summary>
    /// <param name="word">The word that should stay whole.</param>
    /// <param name="tune">Also set the word to that frequency (a dictionary change).</param>
    /// <returns><c>max(int(P(pieces) * total) + 1, freq(word))</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="word"/> is null.</exception>
    public long SuggestFrequency(string word, bool tune = false)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (!tune)
        {
            return new DictionaryEditor(_state, copy: false).SuggestJoin(word);
        }

        long result = 0;
        Edit(editor => result = editor.SuggestJoin(word, tune: true));
        return result;
    }

    /// <summary>jieba's <c>suggest_freq(segments, tune)</c>: the frequency that makes the concatenation of <paramref name="segments"/> be cut into those pieces.</summary>
    /// <param name="segments">The pieces the joined word should be cut into.</param>
    /// <param name="tune">Also set the joined word to that frequency (a dictionary change).</param>
    /// <returns><c>min(int(P(pieces) * total), freq(word))</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> or one of its items is null.</exception>
    public long SuggestFrequency(IReadOnlyList<string> segments, bool tune = false)
    {
        ArgumentNullException.ThrowIfNull(segments);
        foreach (string s in segments)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(segments));
        }

        if (!tune)
        {
            return new DictionaryEditor(_state, copy: false).SuggestSplit(segments);
        }

        long result = 0;
        Edit(editor => result = editor.SuggestSplit(segments, tune: true));
        return result;
    }

    /// <summary>Copy-on-write: edit a private copy, then publish it in one reference write.</summary>
    private void Edit(Action<DictionaryEditor> change)
    {
        lock (_writeLock)
        {
            var editor = new DictionaryEditor(_state, copy: true);
            change(editor);
            _state = editor.ToState();
        }
    }

    private struct StringListSink(string text, List<string> tokens) : ITokenSink
    {
        internal readonly List<string> Tokens = tokens;

        public readonly void OnToken(ReadOnlySpan<char> token, int start, int length) =>
            Tokens.Add(token.Length == text.Length ? text : token.ToString());
    }

    private struct TokenListSink(string text, List<Token> tokens) : ITokenSink
    {
        internal readonly List<Token> Tokens = tokens;

        public readonly void OnToken(ReadOnlySpan<char> token, int start, int length) =>
            Tokens.Add(new Token(token.Length == text.Length ? text : token.ToString(), start, length));
    }

    private struct CountingSink : ITokenSink
    {
        internal int Count;

        public void OnToken(ReadOnlySpan<char> token, int start, int length) => Count++;
    }
}
