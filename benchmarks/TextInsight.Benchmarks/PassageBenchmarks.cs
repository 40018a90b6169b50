using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Grouping;

namespace TextInsight.Benchmarks;

/// <summary>
/// The shared-passage search of the same-issue features (#21) over two kinds of pairs: the 400 judged pairs of
/// ../shared/data/issue_pairs.tsv (real messages that look alike), and 400 real messages each against its synthetic
/// near-copy (<see cref="SyntheticMessages"/>), which is what a message is mostly compared with once a synthetic
/// stream holds many copies. Openings and their indexes are built in setup; only the search is timed.
/// </summary>
[Config(typeof(DefaultConfig))]
public class PassageBenchmarks
{
    private const int PairCount = 400;
    private readonly (int I, int J, int Length)[] _found = new (int, int, int)[SharedPassages.OpeningLength];
    private (string A, uint[] IndexA, string B, uint[] IndexB)[] _judged = [];
    private (string A, uint[] IndexA, string B, uint[] IndexB)[] _nearCopies = [];

    [GlobalSetup]
    public void Setup()
    {
        IssueMessage[] real = [.. SyntheticMessages.Generate(SyntheticMessages.RealCount)];
        Dictionary<string, IssueMessage> byId = real.ToDictionary(m => m.Id, StringComparer.Ordinal);
        _judged = [.. File.ReadLines(Path.Combine(Corpus.FindShared(), "data", "issue_pairs.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 3 && byId.ContainsKey(f[1]) && byId.ContainsKey(f[2]))
            .Select(f => Pair(byId[f[1]], byId[f[2]]))];
        _nearCopies = [.. SyntheticMessages.Generate(SyntheticMessages.RealCount + PairCount).Skip(SyntheticMessages.RealCount)
            .Select((copy, i) => Pair(real[i], copy))];
    }

    [Benchmark(Description = "judged pairs (400)")]
    public int JudgedPairs() => Search(_judged);

    [Benchmark(Description = "message vs its near-copy (400)")]
    public int NearCopies() => Search(_nearCopies);

    private int Search((string A, uint[] IndexA, string B, uint[] IndexB)[] pairs)
    {
        int passages = 0;
        foreach (var (a, ia, b, ib) in pairs)
        {
            passages += SharedPassages.Find(a, ia, b, ib, _found);
        }

        return passages;
    }

    private static (string, uint[], string, uint[]) Pair(IssueMessage x, IssueMessage y)
    {
        string a = IssueDocumentBuilder.Opening(IssueDocumentBuilder.Prepare(x.Title, x.Text).Full);
        string b = IssueDocumentBuilder.Opening(IssueDocumentBuilder.Prepare(y.Title, y.Text).Full);
        return (a, SharedPassages.Index(a), b, SharedPassages.Index(b));
    }
}
