using System.Text;
using System.Text.RegularExpressions;

namespace TextInsight.Privacy;

/// <summary>A kind of personal data that <see cref="PiiDetector"/> finds.</summary>
public enum PiiType
{
    /// <summary>A mainland mobile number (11 digits starting 13-19), optionally with +86 / 0086.</summary>
    MobilePhone = 0,

    /// <summary>A landline with its area code (010-12345678, 0755 1234567), or a 7-8 digit number right after 电话/座机/号码.</summary>
    Landline = 1,

    /// <summary>An 18-character resident ID number whose GB 11643 check character and birth date are valid.</summary>
    IdCard = 2,

    /// <summary>A 16-19 digit bank card number that passes the Luhn check.</summary>
    BankCard = 3,

    /// <summary>A mainland licence plate (粤B12345, 京AD12345 new-energy, 粤B1234学).</summary>
    LicencePlate = 4,

    /// <summary>An e-mail address.</summary>
    Email = 5,
}

/// <summary>How <see cref="PiiDetector.Mask(string, PiiMaskStyle)"/> replaces what it finds.</summary>
public enum PiiMaskStyle
{
    /// <summary>A tag naming the type: <c>[PHONE]</c>, <c>[LANDLINE]</c>, <c>[ID]</c>, <c>[BANKCARD]</c>, <c>[PLATE]</c>, <c>[EMAIL]</c>.</summary>
    TypeTag = 0,

    /// <summary>One <c>*</c> per character, so every other offset in the text stays valid.</summary>
    Stars = 1,
}

/// <summary>One piece of personal data found in a text.</summary>
/// <param name="Type">What it is.</param>
/// <param name="Start">Offset of its first UTF-16 code unit in the input text.</param>
/// <param name="Length">Its length in UTF-16 code units (separators such as spaces or dashes inside it included).</param>
/// <param name="Text">The matched text as it appears in the input.</param>
public sealed record PiiMatch(PiiType Type, int Start, int Length, string Text)
{
    /// <summary>Offset just past the match.</summary>
    public int End => Start + Length;
}

/// <summary>A masked text and what was masked in the original.</summary>
/// <param name="Text">The text with every match replaced.</param>
/// <param name="Matches">The matches, with offsets into the <em>original</em> text, in order.</param>
public sealed record PiiMaskResult(string Text, IReadOnlyList<PiiMatch> Matches);

/// <summary>
/// Finds and masks personal data in Chinese citizen messages: mobile and landline numbers, resident ID
/// numbers (check character verified), bank cards (Luhn verified), licence plates and e-mail addresses,
/// so that it does not leak into logs or exported reports.
/// </summary>
/// <remarks>
/// <para>Stateless and thread-safe. Digits may be ASCII, full-width (１３８) or spoken Chinese digits as
/// speech recognition writes them (一三八, 幺); groups may be split by single spaces or dashes
/// (138 1234 5678, 6222-0202-...).</para>
/// <para>Checks keep ordinary numbers out: an 18-digit order number whose check character is wrong is not an
/// ID, a 16-digit number that fails Luhn is not a card, a bare 8-digit number (an amount, a date) is a
/// landline only right after a phone word such as 电话 or 座机. Not covered: 15-digit first-generation IDs,
/// passport numbers, addresses and names.</para>
/// </remarks>
public static partial class PiiDetector
{
    // Words after which a bare 7-8 digit number is a local landline number.
    private static readonly string[] PhoneWords = ["电话", "座机", "号码", "手机", "联系方式"];

    /// <summary>Finds every piece of personal data in <paramref name="text"/>, in order, without overlaps.</summary>
    /// <param name="text">Any text; null or empty gives an empty list.</param>
    /// <returns>The matches, ordered by offset.</returns>
    public static IReadOnlyList<PiiMatch> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var matches = new List<PiiMatch>();
        foreach (Match m in EmailPattern().Matches(text))
        {
            matches.Add(new PiiMatch(PiiType.Email, m.Index, m.Length, m.Value));
        }

        foreach (Match m in PlatePattern().Matches(text))
        {
            if (m.Value.Skip(2).Any(IsAsciiDigit) && !Overlaps(matches, m.Index, m.Length))
            {
                matches.Add(new PiiMatch(PiiType.LicencePlate, m.Index, m.Length, m.Value));
            }
        }

        FindNumbers(text, matches);
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));
        return matches;
    }

    /// <summary>Replaces every piece of personal data in <paramref name="text"/>.</summary>
    /// <param name="text">Any text; null is treated as empty.</param>
    /// <param name="style">Type tags (default) or stars that keep the length.</param>
    /// <returns>The masked text and the matches (offsets into the original).</returns>
    public static PiiMaskResult Mask(string? text, PiiMaskStyle style = PiiMaskStyle.TypeTag)
    {
        text ??= string.Empty;
        IReadOnlyList<PiiMatch> matches = Find(text);
        if (matches.Count == 0)
        {
            return new PiiMaskResult(text, matches);
        }

        var sb = new StringBuilder(text.Length);
        int at = 0;
        foreach (PiiMatch m in matches)
        {
            sb.Append(text, at, m.Start - at);
            if (style == PiiMaskStyle.Stars)
            {
                sb.Append('*', m.Length);
            }
            else
            {
                sb.Append(Tag(m.Type));
            }

            at = m.End;
        }

        sb.Append(text, at, text.Length - at);
        return new PiiMaskResult(sb.ToString(), matches);
    }

    /// <summary>The tag <see cref="PiiMaskStyle.TypeTag"/> writes for a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>For example <c>[PHONE]</c>.</returns>
    public static string Tag(PiiType type) => type switch
    {
        PiiType.MobilePhone => "[PHONE]",
        PiiType.Landline => "[LANDLINE]",
        PiiType.IdCard => "[ID]",
        PiiType.BankCard => "[BANKCARD]",
        PiiType.LicencePlate => "[PLATE]",
        PiiType.Email => "[EMAIL]",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown PII type."),
    };

    // Local part and domain as mail systems accept them; the TLD has letters only.
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Province abbreviation, issuing-office letter (no I or O), then 5 characters (6 for new-energy plates),
    // or 4 plus 学/警/挂/港/澳; an optional separator after the office letter. Plates need a digit (checked above).
    [GeneratedRegex(@"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\- ]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[学警挂港澳])(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PlatePattern();

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static bool Overlaps(List<PiiMatch> matches, int start, int length) =>
        matches.Exists(m => start < m.End && m.Start < start + length);

    /// <summary>The value of a digit as people and speech recognisers write it, or -1.</summary>
    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        '零' or '〇' => 0,
        '一' or '幺' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static bool IsAsciiDigitLike(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static bool IsSeparator(char c) => c is ' ' or '-' or '－' or '\u00A0';

    /// <summary>A run of digits, possibly in groups split by single separators.</summary>
    private readonly record struct DigitGroup(int Start, int End, string Digits);

    private static void FindNumbers(string text, List<PiiMatch> matches)
    {
        int i = 0;
        while (i < text.Length)
        {
            if (DigitValue(text[i]) < 0 || (i > 0 && IsWordChar(text[i - 1]) && IsAsciiDigitLike(text[i])) || (i > 0 && DigitValue(text[i - 1]) >= 0))
            {
                i++;
                continue;
            }

            // Collect groups: digits (an ID's last character may be X), joined by one separator.
            var groups = new List<DigitGroup>();
            int j = i;
            while (true)
            {
                int start = j;
                var digits = new StringBuilder();

                // One script per group: "0731-88886666一直占线" ends at 6 (一直 is "all along"), while a number
                // spoken as 一三八... stays whole. Recognisers write a number in one script or the other.
                bool arabic = IsAsciiDigitLike(text[j]);
                while (j < text.Length && DigitValue(text[j]) >= 0 && IsAsciiDigitLike(text[j]) == arabic)
                {
                    digits.Append((char)('0' + DigitValue(text[j])));
                    j++;
                }

                if (j < text.Length && text[j] is 'X' or 'x' && digits.Length == 17)
                {
                    digits.Append('X');
                    j++;
                }

                groups.Add(new DigitGroup(start, j, digits.ToString()));
                if (j + 1 < text.Length && IsSeparator(text[j]) && DigitValue(text[j + 1]) >= 0 && IsAsciiDigitLike(text[j + 1]) == arabic)
                {
                    j++;
                    continue;
                }

                break;
            }

            // A run glued to Latin letters or further digits (a product code, a URL) is not personal data.
            bool glued = j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is 'X' or 'x');
            if (!glued)
            {
                MatchGroups(text, groups, matches);
            }

            i = j;
        }
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetter(c) || c is '_' or '.' or '/' or '@';

    // The whole run first; failing that, the longest runs of consecutive groups from left to right.
    private static void MatchGroups(string text, List<DigitGroup> groups, List<PiiMatch> matches)
    {
        int g = 0;
        while (g < groups.Count)
        {
            bool found = false;
            for (int last = groups.Count - 1; last >= g && !found; last--)
            {
                List<DigitGroup> candidate = groups.GetRange(g, last - g + 1);
                string digits = string.Concat(candidate.Select(x => x.Digits));
                int start = groups[g].Start, end = groups[last].End;
                PiiType? type = Classify(text, digits, start, candidate);
                if (type is { } t && !Overlaps(matches, start, end - start))
                {
                    (start, end) = t == PiiType.MobilePhone ? IncludeCountryCode(text, start, end) : (start, end);
                    matches.Add(new PiiMatch(t, start, end - start, text[start..end]));
                    g = last + 1;
                    found = true;
                }
            }

            if (!found)
            {
                g++;
            }
        }
    }

    private static PiiType? Classify(string text, string digits, int start, List<DigitGroup> groups)
    {
        bool chineseDigits = !IsAsciiDigitLike(text[start]);
        if (IsMobile(digits) || (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) && IsMobile(digits[2..]))
            || (digits.Length == 15 && digits.StartsWith("0086", StringComparison.Ordinal) && IsMobile(digits[4..])))
        {
            return PiiType.MobilePhone;
        }

        if (IsIdNumber(digits))
        {
            return PiiType.IdCard;
        }

        if (!chineseDigits && IsBankCard(digits))
        {
            return PiiType.BankCard;
        }

        if (!chineseDigits && (IsLandlineWithAreaCode(digits, groups) || (digits.Length is 7 or 8 && digits[0] != '0' && AfterPhoneWord(text, start))))
        {
            return PiiType.Landline;
        }

        return null;
    }

    private static (int Start, int End) IncludeCountryCode(string text, int start, int end) =>
        start > 0 && text[start - 1] is '+' or '＋' ? (start - 1, end) : (start, end);

    private static bool IsMobile(string d) => d.Length == 11 && d[0] == '1' && d[1] is >= '3' and <= '9' && d.All(char.IsAsciiDigit);

    // 0 + area code (10, 2x: 2 digits; others 3) + 7-8 digit local number starting 2-9. Written with a
    // separator after the area code, or as one run of 11-12 digits.
    private static bool IsLandlineWithAreaCode(string d, List<DigitGroup> groups)
    {
        if (d.Length is < 10 or > 12 || d[0] != '0' || !d.All(char.IsAsciiDigit))
        {
            return false;
        }

        int area = d[1] is '1' or '2' ? 3 : 4;
        int local = d.Length - area;
        if (local is < 7 or > 8 || d[area] is '0' or '1')
        {
            return false;
        }

        // When written in groups, the first group must be exactly the area code.
        return groups.Count == 1 || groups[0].Digits.Length == area;
    }

    private static bool AfterPhoneWord(string text, int start)
    {
        int from = Math.Max(0, start - 8);
        ReadOnlySpan<char> before = text.AsSpan(from, start - from);
        foreach (string w in PhoneWords)
        {
            int at = before.LastIndexOf(w, StringComparison.Ordinal);
            if (at >= 0 && before.Length - (at + w.Length) <= 4)
            {
                return true;
            }
        }

        return false;
    }

    // GB 11643-1999: region code 1-8 first, a valid birth date, and the ISO 7064 MOD 11-2 check character.
    internal static bool IsIdNumber(string d)
    {
        if (d.Length != 18 || d[0] is < '1' or > '8')
        {
            return false;
        }

        int sum = 0;
        for (int k = 0; k < 17; k++)
        {
            if (!char.IsAsciiDigit(d[k]))
            {
                return false;
            }

            int weight = (1 << (17 - k)) % 11;
            sum += (d[k] - '0') * weight;
        }

        char check = "10X98765432"[sum % 11];
        if (char.ToUpperInvariant(d[17]) != check)
        {
            return false;
        }

        int year = int.Parse(d.AsSpan(6, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        int month = int.Parse(d.AsSpan(10, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        int day = int.Parse(d.AsSpan(12, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        return year is >= 1900 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    // Issuer prefixes in use in China (3 Amex/JCB, 4 Visa, 5 Mastercard, 6 UnionPay) and the Luhn check.
    internal static bool IsBankCard(string d)
    {
        if (d.Length is < 16 or > 19 || d[0] is < '3' or > '6' || !d.All(char.IsAsciiDigit))
        {
            return false;
        }

        int sum = 0;
        bool twice = false;
        for (int k = d.Length - 1; k >= 0; k--)
        {
            int v = d[k] - '0';
            if (twice)
            {
                v *= 2;
                if (v > 9)
                {
                    v -= 9;
                }
            }

            sum += v;
            twice = !twice;
        }

        return sum % 10 == 0;
    }
}
