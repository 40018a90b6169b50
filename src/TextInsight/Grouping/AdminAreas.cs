using System.Text.RegularExpressions;
using TextInsight.Jieba.Segmentation.PosTagging;

namespace TextInsight.Grouping;

/// <summary>
/// The cities and counties/districts a message's opening names. Two messages naming different cities, or different
/// districts, are about different places whatever else they share: one problem at two places is related, not the
/// same issue. Names come in two forms: codes as in anonymised data ("A市", "A7县", "K1区": the letter is the city,
/// a coded district or county-level city also names its letter's city), and real names tagged as places by jieba
/// ("长沙市", "宁乡县", "南山区"). Real names are read without a gazetteer, so a county-level city ("浏阳市") counts as a
/// city of its own.
/// </summary>
internal static partial class AdminAreas
{
    /// <summary>Area words ending like a district that name a kind of area, not a district.</summary>
    private static readonly string[] GenericAreaEnds =
        ["新区", "城区", "市区", "景区", "园区", "校区", "片区", "社区", "小区", "辖区", "郊区", "开发区", "工业区", "保护区", "示范区", "试验区", "居民区"];

    private const ulong AreaSeed = 0x51AF_D7ED_558C_CD1DUL;

    [GeneratedRegex(@"(?<city>[A-Z])(?<number>[0-9]{0,2})[市县区]", RegexOptions.CultureInvariant)]
    private static partial Regex CodedArea();

    /// <summary>The hashed cities and districts named in <paramref name="opening"/>, each sorted and distinct.</summary>
    /// <param name="opening">The normalised opening of the message.</param>
    /// <param name="tagged">The message's tagged words (only those within the opening are read).</param>
    public static (ulong[] Cities, ulong[] Districts) Find(string opening, IReadOnlyList<TaggedWord> tagged)
    {
        var cities = new HashSet<ulong>();
        var districts = new HashSet<ulong>();
        foreach (Match m in CodedArea().Matches(opening))
        {
            string city = m.Groups["city"].Value;
            cities.Add(Hashing.Hash(city, AreaSeed));
            if (m.Groups["number"].Length > 0)
            {
                districts.Add(Hashing.Hash(city + m.Groups["number"].Value, AreaSeed));
            }
        }

        foreach (TaggedWord w in tagged)
        {
            if (w.Start >= opening.Length)
            {
                break;
            }

            if (w.Tag != "ns" || w.Word.Length < 3)
            {
                continue;
            }

            if (w.Word.EndsWith('市'))
            {
                cities.Add(Hashing.Hash(w.Word, AreaSeed));
            }
            else if ((w.Word.EndsWith('县') || w.Word.EndsWith('区')) && !GenericAreaEnds.Any(e => w.Word.EndsWith(e, StringComparison.Ordinal)))
            {
                districts.Add(Hashing.Hash(w.Word, AreaSeed));
            }
        }

        ulong[] c = [.. cities], d = [.. districts];
        Array.Sort(c);
        Array.Sort(d);
        return (c, d);
    }

    /// <summary>1 when both name areas of a level and none is shared, else 0.</summary>
    public static float Conflict(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0f;
        }

        foreach (ulong x in a)
        {
            if (Array.BinarySearch(b, x) >= 0)
            {
                return 0f;
            }
        }

        return 1f;
    }
}
