using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>
/// python jieba 0.42.1's posseg output for the first 3,000 lines of ../shared/peers/corpus.txt, recorded by
/// Golden/generate_analyse.py as token lengths and tags (the texts themselves stay out of the repo).
/// </summary>
public sealed class PosTaggerGoldenTests
{
    internal static readonly Lazy<List<string>> Corpus = new(() =>
        TestPaths.ReadLines(File.OpenRead(Path.Combine(TestPaths.Shared, "peers", "corpus.txt"))).Take(3000).ToList());

    private static readonly Lazy<PosTagger> s_tagger = new(() => PosTagger.Create(Segmenters.Default));

    [Theory]
    [InlineData("hmm", true)]
    [InlineData("nohmm", false)]
    public void Tags_match_python_jieba_on_every_golden_line(string mode, bool hmm)
    {
        List<string> expected = TestPaths.ReadGzipLines(TestPaths.Golden($"posseg.{mode}.txt.gz"));
        Assert.Equal(Corpus.Value.Count, expected.Count);
        var failures = new List<string>();
        for (int i = 0; i < expected.Count; i++)
        {
            string actual = string.Join(" ", s_tagger.Value.Tag(Corpus.Value[i], hmm).Select(w => $"{w.Word.Length}/{w.Tag}"));
            if (actual != expected[i] && failures.Count < 5)
            {
                failures.Add($"line {i + 1}: expected {Window(expected[i], actual)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Window(string expected, string actual)
    {
        string[] e = expected.Split(' '), a = actual.Split(' ');
        int k = 0;
        while (k < e.Length && k < a.Length && e[k] == a[k])
        {
            k++;
        }

        return $"[{string.Join(" ", e.Skip(Math.Max(0, k - 2)).Take(5))}] got [{string.Join(" ", a.Skip(Math.Max(0, k - 2)).Take(5))}] at token {k + 1}";
    }

    [Fact]
    public void Tagged_words_concatenate_to_the_input_and_user_words_keep_their_tags()
    {
        var segmenter = JiebaSegmenter.Create();
        segmenter.AddWord("石墨烯材料", 100, "nz");
        PosTagger tagger = PosTagger.Create(segmenter);
        string text = "石墨烯材料很贵！C++和Python 3.8\r\n123.5万元";
        IReadOnlyList<TaggedWord> words = tagger.Tag(text);
        Assert.Equal(text, string.Concat(words.Select(w => w.Word)));
        Assert.Contains(new TaggedWord("石墨烯材料", "nz", 0), words);
        Assert.All(words, w => Assert.Equal(text.Substring(w.Start, w.Word.Length), w.Word));
        Assert.Throws<ArgumentNullException>(() => tagger.Tag(null!));
        Assert.Empty(tagger.Tag(""));
    }
}
