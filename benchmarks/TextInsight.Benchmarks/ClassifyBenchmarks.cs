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

    [Benchmark(Description = "Classify one message")]
    public FeedbackResult One() => _classifier.Classify(s_lines[7]);

    [Benchmark(Description = "ClassifyBatch 300, 1 thread")]
    public int Batch1() => _classifier.ClassifyBatch(_messages, 1).Count();

    [Benchmark(Description = "ClassifyBatch 300, 2 threads")]
    public int Batch2() => _classifier.ClassifyBatch(_messages, 2).Count();
}
