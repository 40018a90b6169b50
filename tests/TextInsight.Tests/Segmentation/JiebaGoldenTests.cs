using TextInsight.Jieba.Segmentation;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>
/// Python jieba 0.42.1's recorded output for 3,000 real messages (../shared/jieba/golden), in every mode:
/// every line must be identical, token for token.
/// </summary>
public sealed class JiebaGoldenTests
{
    private static readonly Lazy<List<string>> s_input =
        new(() => TestPaths.ReadGzipLines(Path.Combine(TestPaths.Shared, "jieba", "golden", "input.txt.gz")));

    [Theory]
    [InlineData("hmm")]
    [InlineData("nohmm")]
    [InlineData("all")]
    [InlineData("search")]
    public void Matches_python_jieba_on_every_golden_line(string mode)
    {
        List<string> input = s_input.Value;
        List<string> expected = TestPaths.ReadGzipLines(Path.Combine(TestPaths.Shared, "jieba", "golden", $"expected.{mode}.txt.gz"));
        Assert.Equal(input.Count, expected.Count);
        (CutMode cutMode, bool hmm) = Segmenters.ParseMode(mode);

        var failures = new List<string>();
        for (int i = 0; i < input.Count; i++)
        {
            string actual = string.Join(" / ", Segmenters.Default.Cut(input[i], cutMode, hmm));
            if (actual != expected[i] && failures.Count < 5)
            {
                failures.Add(FirstDifference(i + 1, expected[i], actual));
            }
        }

        Assert.True(failures.Count == 0, $"mode {mode}: differing lines:\n" + string.Join("\n", failures));
    }

    private static string FirstDifference(int lineNumber, string expected, string actual)
    {
        string[] e = expected.Split(" / ");
        string[] a = actual.Split(" / ");
        int k = 0;
        while (k < e.Length && k < a.Length && e[k] == a[k])
        {
            k++;
        }

        string Window(string[] t) => string.Join(" / ", t.Skip(Math.Max(0, k - 2)).Take(5));
        return $"line {lineNumber}, token {k + 1}: expected [{Window(e)}] but got [{Window(a)}]";
    }
}
