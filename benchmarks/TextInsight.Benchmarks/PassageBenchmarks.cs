using BenchmarkDotNet.Attributes;
using TextInsight.Benchmarks.Harness;
using TextInsight.Grouping;

namespace TextInsight.Benchmarks;

/// <summary>
/// The shared-passage search of the same-issue features (#21) over two kinds of pairs: the 400 judged pairs of
/// ../shared/data/issue_pairs.tsv (real messages that look alike), and 400 real messages each against its synthetic
/// near-copy (<see cref="SyntheticMessages"/>), which is what a message is mostly compared with once a synthetic
/// stream holds many copies. Openings, their indexes and prepared documents are built in setup; the search alone and
/// the whole pair score (all features and the model) are timed.
/// </summary>
[Config(typeof(DefaultConfig))]
public class PassageBenchmarks
{
    private const int PairCount = 400;
    private static readonly SameIssueModel s_model = SameIssueModel.Default;
    private readonly (int I, int J, int Length)[] _found = new (int, int, int)[SharedPassages.OpeningLength];
    private (string A, uint[] IndexA, string B, uint[] IndexB)[] _judged = [];
    private (string A, uint[] IndexA, string B, uint[] IndexB)[] _nearCopies = [];
    private (IssueDocument A, IssueDocument B)[] _judgedDocuments = [];
    private (IssueDocument A, IssueDocument B)[] _nearCopyDocuments = [];

    [GlobalSetup]
    public void Setup()
    {
        IssueMessage[] real = [.. SyntheticMessages.Generate(SyntheticMessages.RealCount)];
        Dictionary<string, IssueMessage> byId = real.ToDictionary(m => m.Id, StringComparer.Ordinal);
        (IssueMessage, IssueMessage)[] judged = [.. File.ReadLines(Path.Combine(Corpus.FindShared(), "data", "issue_pairs.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 3 && byId.ContainsKey(f[1]) && byId.ContainsKey(f[2]))
            .Select(f => (byId[f[1]], byId[f[2]]))];
        (IssueMessage, IssueMessage)[] nearCopies = [.. SyntheticMessages.Generate(SyntheticMessages.RealCount + PairCount)
            .Skip(SyntheticMessages.RealCount).Select((copy, i) => (real[i], copy))];
        _judged = [.. judged.Select(p => Openings(p.Item1, p.Item2))];
        _nearCopies = [.. nearCopies.Select(p => Openings(p.Item1, p.Item2))];
        _judgedDocuments = [.. judged.Select(p => (s_model.Prepare(p.Item1), s_model.Prepare(p.Item2)))];
        _nearCopyDocuments = [.. nearCopies.Select(p => (s_model.Prepare(p.Item1), s_model.Prepare(p.Item2)))];
    }

    [Benchmark(Description = "judged pairs (400)")]
    public int JudgedPairs() => Search(_judged);

    [Benchmark(Description = "message vs its near-copy (400)")]
    public int NearCopies() => Search(_nearCopies);

    [Benchmark(Description = "pair score, judged pairs (400)")]
    public double ScoreJudged() => Score(_judgedDocuments);

    [Benchmark(Description = "pair score, message vs its near-copy (400)")]
    public double ScoreNearCopies() => Score(_nearCopyDocuments);

    private static double Score((IssueDocument A, IssueDocument B)[] pairs)
    {
        double sum = 0;
        foreach (var (a, b) in pairs)
        {
            sum += s_model.ScoreDocuments(a, b);
        }

        return sum;
    }

    private int Search((string A, uint[] IndexA, string B, uint[] IndexB)[] pairs)
    {
        int passages = 0;
        foreach (var (a, ia, b, ib) in pairs)
        {
            passages += SharedPassages.Find(a, ia, b, ib, _found);
        }

        return passages;
    }

    private static (string, uint[], string, uint[]) Openings(IssueMessage x, IssueMessage y)
    {
        string a = IssueDocumentBuilder.Opening(IssueDocumentBuilder.Prepare(x.Title, x.Text).Full);
        string b = IssueDocumentBuilder.Opening(IssueDocumentBuilder.Prepare(y.Title, y.Text).Full);
        return (a, SharedPassages.Index(a), b, SharedPassages.Index(b));
    }
}
