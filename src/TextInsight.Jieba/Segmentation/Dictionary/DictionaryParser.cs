using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TextInsight.Jieba.Segmentation.Dictionary;

/// <summary>One line of a jieba user dictionary: a word with an optional frequency and tag.</summary>
internal readonly record struct UserDictionaryEntry(string Word, long? Frequency, string? Tag);

/// <summary>Parsers for jieba's dictionary formats (<c>dict.txt</c> and user dictionaries).</summary>
internal static class DictionaryParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Builds a prefix dictionary from jieba's main format, like <c>gen_pfdict</c>: each line is
    /// <c>word freq [tag]</c>, split on single spaces after stripping ASCII whitespace. Input that is
    /// already sorted by word (the embedded dictionary is) skips the sort.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a cold, long loop: skip tier-0 code
    internal static PrefixDictionary ParseMain(ReadOnlySpan<byte> utf8, string sourceName)
    {
        var words = new WordList(utf8.Length);
        var tagIds = new Dictionary<ulong, ushort>();
        int lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            int nl = utf8.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? utf8 : utf8[..nl];
            utf8 = nl < 0 ? default : utf8[(nl + 1)..];
            lineNumber++;
            line = TrimAsciiWhitespace(line);

            int sp = line.IndexOf((byte)' ');
            if (sp < 0)
            {
                throw Bad(sourceName, lineNumber, line, "expected 'word freq [tag]'");
            }

            ReadOnlySpan<byte> wordBytes = line[..sp];
            ReadOnlySpan<byte> rest = line[(sp + 1)..];
            int sp2 = rest.IndexOf((byte)' ');
            ReadOnlySpan<byte> freqBytes = sp2 < 0 ? rest : rest[..sp2];
            ReadOnlySpan<byte> tagBytes = default;
            if (sp2 >= 0)
            {
                tagBytes = rest[(sp2 + 1)..];
                int sp3 = tagBytes.IndexOf((byte)' ');
                if (sp3 >= 0)
                {
                    tagBytes = tagBytes[..sp3];
                }
            }

            if (!TryParseFrequency(freqBytes, out long freq))
            {
                throw Bad(sourceName, lineNumber, line, "the frequency is not a non-negative integer");
            }

            int n;
            try
            {
                n = StrictUtf8.GetChars(wordBytes, words.Reserve(wordBytes.Length));
            }
            catch (DecoderFallbackException e)
            {
                throw new DictionaryFormatException(sourceName, lineNumber, "the word is not valid UTF-8", e);
            }

            words.Add(n, freq, tagBytes.IsEmpty ? (ushort)0 : TagId(words.Tags, tagIds, tagBytes));
        }

        words.Sort();
        return PrefixDictionary.Build(words);
    }

    // Python's bytes.strip(): ASCII whitespace only. Hand-written because the generic span helpers
    // over bytes are not precompiled and would run unoptimised during the one-off load.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<byte> TrimAsciiWhitespace(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsAsciiWhitespace(s[a]))
        {
            a++;
        }

        while (b > a && IsAsciiWhitespace(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    private static bool IsAsciiWhitespace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    /// <summary>A non-negative decimal integer with an optional '+' (what jieba's int() accepts in practice).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseFrequency(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (!s.IsEmpty && s[0] == (byte)'+')
        {
            s = s[1..];
        }

        if (s.IsEmpty || s.Length > 18)
        {
            return false;
        }

        foreach (byte b in s)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once at load, before tiered JIT would optimise it
    private static ushort TagId(List<string> tags, Dictionary<ulong, ushort> cache, ReadOnlySpan<byte> tag)
    {
        ulong key = 0;
        if (tag.Length <= 8)
        {
            foreach (byte b in tag)
            {
                key = (key << 8) | b;
            }

            if (cache.TryGetValue(key, out ushort cached))
            {
                return cached;
            }
        }

        ushort id = PrefixDictionary.InternTag(tags, Encoding.UTF8.GetString(tag));
        if (tag.Length <= 8)
        {
            cache[key] = id;
        }

        return id;
    }

    private static DictionaryFormatException Bad(string source, int lineNumber, ReadOnlySpan<byte> line, string reason)
    {
        string shown = Encoding.UTF8.GetString(line.Length > 80 ? line[..80] : line);
        return new DictionaryFormatException(source, lineNumber, $"{reason}: '{shown}'");
    }

    /// <summary>
    /// Parses a user dictionary like jieba's <c>load_userdict</c>: lines are stripped of ASCII whitespace,
    /// a leading BOM is dropped, empty lines are skipped, and each line matches
    /// <c>^(.+?)( [0-9]+)?( [a-z]+)?$</c> (so a word may contain spaces).
    /// </summary>
    internal static List<UserDictionaryEntry> ParseUser(ReadOnlySpan<byte> utf8, string sourceName)
    {
        var entries = new List<UserDictionaryEntry>();
        int lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            int nl = utf8.IndexOf((byte)'\n');
            ReadOnlySpan<byte> raw = nl < 0 ? utf8 : utf8[..nl];
            utf8 = nl < 0 ? default : utf8[(nl + 1)..];
            lineNumber++;
            raw = TrimAsciiWhitespace(raw);
            string line;
            try
            {
                line = StrictUtf8.GetString(raw).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException e)
            {
                throw new DictionaryFormatException(sourceName, lineNumber, "dictionary file must be UTF-8", e);
            }

            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(ParseUserLine(line));
            }
            catch (OverflowException e)
            {
                throw new DictionaryFormatException(sourceName, lineNumber, "the frequency does not fit in a 64-bit integer", e);
            }
        }

        return entries;
    }

    /// <summary>Splits one stripped user-dictionary line into word, frequency and tag.</summary>
    internal static UserDictionaryEntry ParseUserLine(string line)
    {
        // The lazy word group takes the shortest prefix, so the optional " digits" and " lowercase"
        // groups take the longest suffix that fits, and the word must keep at least one character.
        int end = line.Length;
        string? tag = null;
        long? freq = null;
        int sp = line.LastIndexOf(' ', end - 1);
        if (sp > 0 && IsRun(line.AsSpan(sp + 1, end - sp - 1), 'a', 'z'))
        {
            tag = line.Substring(sp + 1, end - sp - 1);
            end = sp;
        }

        if (end > 1)
        {
            sp = line.LastIndexOf(' ', end - 1);
            if (sp > 0 && IsRun(line.AsSpan(sp + 1, end - sp - 1), '0', '9'))
            {
                freq = long.Parse(line.AsSpan(sp + 1, end - sp - 1), NumberStyles.None, CultureInfo.InvariantCulture);
                end = sp;
            }
        }

        return new UserDictionaryEntry(line[..end], freq, tag);
    }

    private static bool IsRun(ReadOnlySpan<char> s, char lo, char hi)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (c < lo || c > hi)
            {
                return false;
            }
        }

        return true;
    }
}
