using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation.PosTagging;

namespace TextInsight.Benchmarks;

/// <summary>POS tagging and keyword extraction on the first 500 lines of the peers' corpus, one thread.</summary>
[Config(typeof(DefaultConfig))]
public class AnalyseBenchmarks : IHasMegabytes
{
    private static readonly string[] s_lines = Corpus.Slice(500);
    private PosTagger _tagger = null!;
    private KeywordExtractor _keywords = null!;

    public double Megabytes { get; } = Corpus.Megabytes(s_lines);

    [GlobalSetup]
    public void Setup()
    {
        _tagger = PosTagger.Create();
        _keywords = KeywordExtractor.Create(_tagger);
    }

    [Benchmark(Description = "POS tag (HMM)")]
    public int Tag() => s_lines.Sum(l => _tagger.Tag(l).Count);

    [Benchmark(Description = "TF-IDF top 20")]
    public int TfIdf() => s_lines.Sum(l => _keywords.ExtractTfIdf(l).Count);

    [Benchmark(Description = "TextRank top 20")]
    public int TextRank() => s_lines.Sum(l => _keywords.ExtractTextRank(l).Count);
}
