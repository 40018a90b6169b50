using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Jieba.Internal;
using TextInsight.Jieba.Segmentation.Dictionary;

namespace TextInsight.Benchmarks;

/// <summary>
/// Building the default dictionary from the embedded resource (what the first <c>JiebaSegmenter.Create()</c>
/// of a process pays, minus JIT). The true cold start, in a fresh process, is <c>load_s</c> of
/// <c>textinsight segment --stats</c>, which benchmarks/compare_segmenters.sh reports.
/// </summary>
[Config(typeof(DefaultConfig))]
public class LoadBenchmarks
{
    [Benchmark(Description = "parse dict.txt and build the trie")]
    public int Build() => DictionaryParser.ParseMain(EmbeddedData.Mapped("TextInsight.jieba.dict.txt"), "dict.txt").NodeCount;

    [Benchmark(Description = "load finalseg HMM tables")]
    public int Hmm() => TextInsight.Jieba.Segmentation.Hmm.FinalSegModel.LoadDefault().GetHashCode();
}
