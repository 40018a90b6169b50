using System.Text;

namespace TextInsight.Normalization;

/// <summary>
/// Cleans message text before classification: HTML tags and entities, full-width ASCII and the
/// ideographic space folded to half-width, control and zero-width characters dropped, whitespace runs
/// collapsed. The segmenter's own output is not affected: this is a separate, optional stage.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TextNormalizer
{
    /// <summary>
    /// The version of these rules, recorded in every trained model: a model whose messages were normalised by other
    /// rules is refused rather than scored on text it never saw. Bump it whenever <see cref="Normalize"/> or
    /// <see cref="RemoveFillers"/> gives a different result for any input.
    /// </summary>
    internal const int RulesVersion = 1;

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["nbsp"] = " ", ["amp"] = "&", ["lt"] = "<", ["gt"] = ">", ["quot"] = "\"", ["apos"] = "'",
        ["ldquo"] = "“", ["rdquo"] = "”", ["lsquo"] = "‘", ["rsquo"] = "’", ["middot"] = "·",
        ["hellip"] = "…", ["mdash"] = "—", ["ndash"] = "–", ["emsp"] = " ", ["ensp"] = " ",
    };

    /// <summary>Returns the cleaned text; never null.</summary>
    /// <param name="text">Raw text; null is treated as empty.</param>
    /// <returns>The normalised text (possibly empty).</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '<' && TrySkipTag(text, i, out int tagEnd))
            {
                pendingSpace = sb.Length > 0;
                i = tagEnd;
                continue;
            }

            if (c == '&' && TryDecodeEntity(text, i, out string? decoded, out int entityEnd))
            {
                Append(sb, decoded, ref pendingSpace);
                i = entityEnd;
                continue;
            }

            // Full-width ASCII (U+FF01..U+FF5E) to ASCII; U+3000 and other spaces to one space.
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            if (char.IsWhiteSpace(c) || c is '\u3000' or (>= '\u001C' and <= '\u001F'))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (char.IsControl(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')
            {
                continue;
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                continue; // a lone surrogate carries no text
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    // Pure hesitation sounds: no Chinese word of our domain contains them.
    private const string HesitationChars = "嗯呃唔呣";

    // Discourse fillers removed wherever they occur.
    private static readonly string[] AlwaysFillers = ["就是说", "然后呢", "那个那个", "这个这个"];

    // Words that are fillers only when they stand alone between pauses (那个 in 那个工地 is a determiner).
    private static readonly string[] StandaloneFillers = ["那个", "这个", "就是", "额", "啊", "哦", "噢", "诶", "欸", "哎", "唉", "呀"];

    /// <summary>
    /// Removes spoken fillers, as speech recognition writes them into hotline transcripts: hesitation
    /// sounds (嗯, 呃, 唔) anywhere; 就是说, 然后呢 and doubled 那个那个 anywhere; and 那个, 这个, 就是, 额, 啊,
    /// 哦 … only where they stand alone between pauses (start, end, punctuation, spaces or another filler).
    /// Sentence-final 啊, 呀, 哦 go too. A pause mark left dangling at a clause start is dropped with its filler.
    /// </summary>
    /// <param name="text">Any text; null is treated as empty.</param>
    /// <returns>The text without fillers.</returns>
    /// <example><c>嗯，那个，我家楼上就是说一直漏水啊。</c> → <c>我家楼上一直漏水。</c></example>
    public static string RemoveFillers(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int fillerLength = FillerAt(text, i, atPause: sb.Length == 0 || IsPause(sb[^1]));
            if (fillerLength == 0)
            {
                sb.Append(text[i]);
                i++;
                continue;
            }

            i += fillerLength;
            // "嗯，我…" → "我…": a pause right after a filler at a clause start goes with it.
            while ((sb.Length == 0 || IsPause(sb[^1])) && i < text.Length && text[i] is '，' or ',' or '、' or ' ' or '…')
            {
                i++;
            }
        }

        return sb.ToString();
    }

    private static int FillerAt(string text, int i, bool atPause)
    {
        // Sentence-final 啊/呀/哦 carry tone, not content.
        if (text[i] is '啊' or '呀' or '哦' or '噢' && (i + 1 == text.Length || IsPause(text[i + 1])))
        {
            return 1;
        }

        if (HesitationChars.Contains(text[i], StringComparison.Ordinal))
        {
            return 1;
        }

        foreach (string f in AlwaysFillers)
        {
            if (string.CompareOrdinal(text, i, f, 0, f.Length) == 0)
            {
                return f.Length;
            }
        }

        if (!atPause)
        {
            return 0;
        }

        foreach (string f in StandaloneFillers)
        {
            int end = i + f.Length;
            if (string.CompareOrdinal(text, i, f, 0, f.Length) == 0
                && (end == text.Length || IsPause(text[end]) || FillerAt(text, end, atPause: true) > 0))
            {
                return f.Length;
            }
        }

        return 0;
    }

    private static bool IsPause(char c) => char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c);

    private static void Append(StringBuilder sb, string s, ref bool pendingSpace)
    {
        if (s == " ")
        {
            pendingSpace = sb.Length > 0;
            return;
        }

        if (pendingSpace)
        {
            sb.Append(' ');
            pendingSpace = false;
        }

        sb.Append(s);
    }

    // A tag is '<' + optional '/' + an ASCII letter ... '>' within 200 chars: "<p>", "</div>", "<br/>".
    private static bool TrySkipTag(string text, int start, out int end)
    {
        end = start;
        int j = start + 1;
        if (j < text.Length && text[j] == '/')
        {
            j++;
        }

        if (j >= text.Length || !char.IsAsciiLetter(text[j]))
        {
            return false;
        }

        int close = text.IndexOf('>', j);
        if (close < 0 || close - start > 200)
        {
            return false;
        }

        end = close;
        return true;
    }

    private static bool TryDecodeEntity(string text, int start, out string decoded, out int end)
    {
        decoded = string.Empty;
        end = start;
        int semi = text.IndexOf(';', start + 1, Math.Min(12, text.Length - start - 1));
        if (semi < 0)
        {
            return false;
        }

        ReadOnlySpan<char> name = text.AsSpan(start + 1, semi - start - 1);
        if (name.Length > 1 && name[0] == '#')
        {
            bool hex = name[1] is 'x' or 'X';
            if (int.TryParse(name[(hex ? 2 : 1)..], hex ? System.Globalization.NumberStyles.HexNumber : System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int code) && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
            {
                decoded = char.ConvertFromUtf32(code);
                end = semi;
                return true;
            }

            return false;
        }

        if (Entities.TryGetValue(name.ToString(), out string? value))
        {
            decoded = value;
            end = semi;
            return true;
        }

        return false;
    }
}
