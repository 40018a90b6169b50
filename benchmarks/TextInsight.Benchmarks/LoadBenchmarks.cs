using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Internal;
using TextInsight.Segmentation.Dictionary;

namespace TextInsight.Benchmarks;

/// <summary>
/// Building the default dictionary from the embedded resource (what the first <c>JiebaSegmenter.Create()</c>
/// of a process pays, minus JIT). The true cold start, in a fresh process, is <c>load_s</c> of
/// <c>textinsight segment --stats</c>, which benchmarks/compare_segmenters.sh reports.
/// </summary>
[Config(typeof(DefaultConfig))]
public class LoadBenchmarks
{
    private byte[] _dict = [];

    [GlobalSetup]
    public void Setup() => _dict = EmbeddedData.ReadGzip("TextInsight.jieba.dict.txt.gz");

    [Benchmark(Description = "gunzip dict.txt")]
    public int Decompress() => EmbeddedData.ReadGzip("TextInsight.jieba.dict.txt.gz").Length;

    [Benchmark(Description = "build prefix dictionary")]
    public int Build() => DictionaryParser.ParseMain(_dict, "dict.txt").NodeCount;
}
