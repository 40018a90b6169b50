using CsCheck;
using TextInsight.Grouping;

namespace TextInsight.Tests.Grouping;

/// <summary>
/// Shared passages: the indexed search must take exactly the passages that repeated longest-common-substring
/// (the definition) takes, including where separators stop a passage and where earlier passages used characters up.
/// </summary>
public sealed class SharedPassagesTests
{
    // A small alphabet makes long shared runs and ties common; separators must split passages.
    private static readonly Gen<string> s_opening = Gen.Frequency(
            (6, Gen.Char["丽发新城搅拌站噪音"]),
            (2, Gen.Char["ab1"]),
            (1, Gen.Char["，。 \n"]))
        .Array[0, SharedPassages.OpeningLength]
        .Select(chars => new string(chars));

    [Fact]
    public void Indexed_search_takes_the_same_passages_as_repeated_longest_common_substring()
    {
        Gen.Select(s_opening, s_opening).Sample((a, b) =>
        {
            Assert.Equal(Reference(a, b), Find(a, b));
        }, iter: 300);
    }

    [Fact]
    public void A_rare_name_and_the_problem_are_found_as_separate_passages()
    {
        (int I, int J, int Length)[] found = Find("投诉丽发新城附近建搅拌站，噪音扰民", "丽发新城小区旁的搅拌站严重影响生活");
        string[] texts = [.. found.Select(p => "投诉丽发新城附近建搅拌站，噪音扰民".Substring(p.I, p.Length))];
        Assert.Equal(["丽发新城", "搅拌站"], texts);
    }

    [Fact]
    public void Degenerate_text_is_bounded_and_passages_never_overlap()
    {
        string a = new('哈', SharedPassages.OpeningLength), b = new('哈', SharedPassages.OpeningLength - 7);
        (int I, int J, int Length)[] found = Find(a, b);
        Assert.Equal(b.Length, found.Sum(p => p.Length));   // the whole shorter opening, once
        Assert.Equal(b.Length, found[0].Length);
        Assert.Empty(Find("", b));
        Assert.Empty(Find("丽发新城", "搅拌站噪音"));
        Assert.Throws<ArgumentException>(() => SharedPassages.Index(new string('a', SharedPassages.OpeningLength + 1)));
    }

    private static (int I, int J, int Length)[] Find(string a, string b)
    {
        var found = new (int, int, int)[SharedPassages.OpeningLength];
        int n = SharedPassages.Find(a, SharedPassages.Index(a), b, SharedPassages.Index(b), found);
        return found[..n];
    }

    /// <summary>The definition, by brute force: the longest common run of unused letters/digits (earliest in a, then b), repeated.</summary>
    private static (int I, int J, int Length)[] Reference(string a, string b)
    {
        var usedA = new bool[a.Length];
        var usedB = new bool[b.Length];
        var result = new List<(int, int, int)>();
        while (true)
        {
            (int I, int J, int Length) best = (0, 0, 0);
            for (int i = 0; i < a.Length; i++)
            {
                for (int j = 0; j < b.Length; j++)
                {
                    int length = 0;
                    while (i + length < a.Length && j + length < b.Length && !usedA[i + length] && !usedB[j + length]
                        && a[i + length] == b[j + length] && char.IsLetterOrDigit(a[i + length]))
                    {
                        length++;
                    }

                    if (length > best.Length)
                    {
                        best = (i, j, length);
                    }
                }
            }

            if (best.Length < 2)
            {
                return [.. result];
            }

            for (int k = 0; k < best.Length; k++)
            {
                usedA[best.I + k] = true;
                usedB[best.J + k] = true;
            }

            result.Add(best);
        }
    }
}
