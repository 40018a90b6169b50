using System.Globalization;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>
/// python jieba 0.42.1's extract_tags and textrank (top 20, with weights) on the first 3,000 corpus
/// lines, recorded by Golden/generate_analyse.py as offset:length:weight (no text in the repo).
/// TF-IDF must be identical (words, order, weights); TextRank identical words and order, weights within 1e-6.
/// </summary>
public sealed class KeywordGoldenTests
{
    private static readonly Lazy<KeywordExtractor> s_extractor = new(() => KeywordExtractor.Create(PosTagger.Create(Segmenters.Default)));

    [Fact]
    public void TfIdf_matches_python_jieba_exactly() =>
        Check("tfidf.top20.txt.gz", line => s_extractor.Value.ExtractTfIdf(line, 20), tolerance: 0);

    [Fact]
    public void TfIdf_with_allowed_tags_matches_python_jieba_exactly() =>
        Check("tfidf.nv.top20.txt.gz", line => s_extractor.Value.ExtractTfIdf(line, 20, ["n", "ns", "nr", "v", "vn"]), tolerance: 0);

    [Fact]
    public void TextRank_matches_python_jieba_within_1e6() =>
        Check("textrank.top20.txt.gz", line => s_extractor.Value.ExtractTextRank(line, 20), tolerance: 1e-6);

    private static void Check(string golden, Func<string, IReadOnlyList<Keyword>> extract, double tolerance)
    {
        List<string> corpus = PosTaggerGoldenTests.Corpus.Value;
        List<string> expected = TestPaths.ReadGzipLines(TestPaths.Golden(golden));
        Assert.Equal(corpus.Count, expected.Count);
        var failures = new List<string>();
        for (int i = 0; i < corpus.Count && failures.Count < 5; i++)
        {
            (string Word, double Weight)[] want = expected[i].Length == 0 ? [] : expected[i].Split(' ').Select(cell =>
            {
                string[] f = cell.Split(':');
                return (corpus[i].Substring(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture)),
                    double.Parse(f[2], CultureInfo.InvariantCulture));
            }).ToArray();
            IReadOnlyList<Keyword> got = extract(corpus[i]);
            bool same = want.Length == got.Count && want.Zip(got).All(p => p.First.Word == p.Second.Word &&
                (tolerance == 0 ? p.First.Weight == p.Second.Weight : Math.Abs(p.First.Weight - p.Second.Weight) <= tolerance));
            if (!same)
            {
                failures.Add($"line {i + 1}: expected [{string.Join(" ", want.Take(6).Select(w => $"{w.Word}:{w.Weight:R}"))}] got [{string.Join(" ", got.Take(6).Select(w => $"{w.Word}:{w.Weight:R}"))}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Stop_lists_idf_tables_and_bad_input_behave_as_documented()
    {
        Assert.Equal(31, StopWords.JiebaDefault.Count);
        Assert.True(StopWords.Chinese.Contains("有关部门") && StopWords.Chinese.Contains("THE"));
        Assert.Equal(270_132, IdfTable.Default.Count);
        Assert.Equal(11.9547675029, IdfTable.Default.Median, 9);

        var extractor = KeywordExtractor.Create(PosTagger.Create(Segmenters.Default), stopWords: StopWords.Chinese);
        IReadOnlyList<Keyword> k = extractor.ExtractTfIdf("尊敬的领导您好，我们小区物业乱收费的问题希望有关部门尽快解决，物业还停了电梯。", 5);
        Assert.DoesNotContain(k, w => w.Word is "有关部门" or "问题" or "希望");
        Assert.Equal("物业", k[0].Word);

        var idf = IdfTable.Load(new MemoryStream("物业 10.0\n收费 5.0\n电梯 1.0\n"u8.ToArray()), "mini");
        Assert.Equal(5.0, idf.Median);
        Assert.Throws<TextInsight.Jieba.Segmentation.Dictionary.DictionaryFormatException>(() => IdfTable.Load(new MemoryStream("物业\n"u8.ToArray()), "bad"));
        Assert.Throws<ArgumentNullException>(() => extractor.ExtractTextRank(null!));
        Assert.Empty(extractor.ExtractTextRank(""));
        Assert.Empty(extractor.ExtractTfIdf("，。！"));
    }
}
