using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;

namespace TextInsight.Benchmarks;

/// <summary>Default-model classification: one message at a time (latency) and a batch on 1 and 2 threads (docs/s = 300 / mean).</summary>
[Config(typeof(DefaultConfig))]
public class ClassifyBenchmarks
{
    private static readonly string[] s_lines = Corpus.Slice(300);
    private FeedbackClassifier _classifier = null!;
    private FeedbackMessage[] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        _classifier = FeedbackClassifier.LoadDefault();
        _messages = s_lines.Select(l => new FeedbackMessage(null, l)).ToArray();
    }

    // The stages of one Classify, to see where its time goes (each includes the ones before it).
    [Benchmark(Description = "Stage 1: normalise + segment + cues")]
    public object Prepare() => _classifier.Runtime.Extractor.Prepare(null, s_lines[7]);

    [Benchmark(Description = "Stage 2: + featurizer + heads")]
    public object Score() => _classifier.Runtime.Score(null, s_lines[7]);

    [Benchmark(Description = "Classify one message")]
    public FeedbackResult One() => _classifier.Classify(s_lines[7]);

    [Benchmark(Description = "ClassifyBatch 300, 1 thread")]
    public int Batch1() => _classifier.ClassifyBatch(_messages, 1).Count();

    [Benchmark(Description = "ClassifyBatch 300, 2 threads")]
    public int Batch2() => _classifier.ClassifyBatch(_messages, 2).Count();
}
