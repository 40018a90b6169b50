using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Jieba.Segmentation;

namespace TextInsight.Benchmarks;

/// <summary>Segmentation throughput per mode on the first 2,000 lines of the peers' corpus, one thread.</summary>
[Config(typeof(DefaultConfig))]
public class SegmentBenchmarks : IHasMegabytes
{
    private static readonly string[] s_lines = Corpus.Slice(2000);
    private JiebaSegmenter _segmenter = null!;

    public double Megabytes { get; } = Corpus.Megabytes(s_lines);

    [GlobalSetup]
    public void Setup() => _segmenter = JiebaSegmenter.Create();

    [Benchmark(Baseline = true, Description = "precise (HMM)")]
    public int PreciseHmm() => Run(CutMode.Precise, true);

    [Benchmark(Description = "precise (no HMM)")]
    public int PreciseNoHmm() => Run(CutMode.Precise, false);

    [Benchmark(Description = "full")]
    public int Full() => Run(CutMode.Full, true);

    [Benchmark(Description = "search (HMM)")]
    public int Search() => Run(CutMode.Search, true);

    [Benchmark(Description = "precise (HMM), string list API")]
    public int PreciseHmmStrings()
    {
        int n = 0;
        foreach (string line in s_lines)
        {
            n += _segmenter.Cut(line).Count;
        }

        return n;
    }

    private int Run(CutMode mode, bool hmm)
    {
        int n = 0;
        foreach (string line in s_lines)
        {
            n += _segmenter.CountTokens(line, mode, hmm);
        }

        return n;
    }
}
