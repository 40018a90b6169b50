using System.Runtime.CompilerServices;
using TextInsight.Jieba.Internal;
using TextInsight.Jieba.Segmentation.Hmm;

namespace TextInsight.Jieba.Segmentation.PosTagging;

/// <summary>
/// jieba's <c>posseg</c> HMM: 256 states, each a (B|M|E|S, tag) pair, with per-character candidate
/// states (<c>char_state_tab</c>), decoded exactly as <c>posseg.viterbi</c> does.
/// </summary>
/// <remarks>
/// States are numbered in the order Python sorts the (state, tag) tuples, so Python's tie-break of
/// <c>max((prob, state))</c>, the larger tuple, is the larger index here. Immutable and thread-safe.
/// </remarks>
internal sealed class PosSegModel
{
    private const double MinFloat = -3.14e100;

    private static readonly Lazy<PosSegModel> s_default = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly char[] _position;    // 'B', 'M', 'E' or 'S' per state
    private readonly string[] _tag;
    private readonly double[] _start;
    private readonly double[] _trans;     // [from * S + to], -inf where jieba has no transition
    private readonly int[][] _next;       // states reachable from each state (trans_p[x].keys())
    private readonly Dictionary<int, double> _emit; // (state << 16 | ch) -> log-probability
    private readonly Dictionary<char, int[]> _charStates;
    private readonly int[] _allStates;

    private PosSegModel(List<(char Position, string Tag)> states)
    {
        int n = states.Count;
        _position = states.Select(s => s.Position).ToArray();
        _tag = states.Select(s => s.Tag).ToArray();
        _start = new double[n];
        _trans = new double[n * n];
        Array.Fill(_trans, double.NegativeInfinity);
        _next = new int[n][];
        _emit = [];
        _charStates = [];
        _allStates = Enumerable.Range(0, n).ToArray();
    }

    internal static PosSegModel Default => s_default.Value;

    internal int StateCount => _start.Length;

    internal string Tag(int state) => _tag[state];

    internal char Position(int state) => _position[state];

    private static PosSegModel Load()
    {
        const string prefix = "TextInsight.jieba.posseg.";
        var startRows = new List<(char, string, double)>();
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(prefix + "prob_start.tsv.gz"), prefix + "prob_start.tsv.gz", 3,
            f => startRows.Add((TsvTable.SingleChar(f[0]), f[1], TsvTable.ParseDouble(f[2]))));

        // Python orders ('B', 'a') < ('B', 'ad') < ('E', 'a'): by position letter, then tag, ordinally.
        List<(char Position, string Tag)> states = startRows.Select(r => (r.Item1, r.Item2))
            .OrderBy(s => s.Item1).ThenBy(s => s.Item2, StringComparer.Ordinal).ToList();
        var index = new Dictionary<(char, string), int>();
        for (int i = 0; i < states.Count; i++)
        {
            index[states[i]] = i;
        }

        var model = new PosSegModel(states);
        foreach ((char p, string t, double v) in startRows)
        {
            model._start[index[(p, t)]] = v;
        }

        int n = states.Count;
        var next = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(prefix + "prob_trans.tsv.gz"), prefix + "prob_trans.tsv.gz", 5, f =>
        {
            int from = index[(TsvTable.SingleChar(f[0]), f[1])], to = index[(TsvTable.SingleChar(f[2]), f[3])];
            model._trans[(from * n) + to] = TsvTable.ParseDouble(f[4]);
            next[from].Add(to);
        });
        for (int s = 0; s < n; s++)
        {
            model._next[s] = [.. next[s]];
        }

        TsvTable.ForEachRow(EmbeddedData.ReadGzip(prefix + "prob_emit.tsv.gz"), prefix + "prob_emit.tsv.gz", 4,
            f => model._emit[(index[(TsvTable.SingleChar(f[0]), f[1])] << 16) | TsvTable.SingleChar(f[2])] = TsvTable.ParseDouble(f[3]));
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(prefix + "char_state_tab.tsv.gz"), prefix + "char_state_tab.tsv.gz", 2,
            f => model._charStates[TsvTable.SingleChar(f[0])] = f[1].Split(' ')
                .Select(st => index[(st[0], st[2..])]).ToArray());
        return model;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Emit(int state, char c) => _emit.TryGetValue((state << 16) | c, out double v) ? v : MinFloat;

    /// <summary>
    /// <c>posseg.viterbi</c>: the best (position, tag) state per character of <paramref name="obs"/>.
    /// Candidate states at each step are the character's states that the previous step can reach.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine's remarks
    internal int[] Viterbi(ReadOnlySpan<char> obs)
    {
        int n = obs.Length, s = StateCount;
        // Per-step state on the stack and the back-pointer table from the pool: a long Han run used to
        // allocate n x 256 bytes plus six arrays per call (~200 KB a corpus line).
        Span<double> v = stackalloc double[s];
        Span<double> nv = stackalloc double[s];
        Span<bool> present = stackalloc bool[s];
        Span<bool> nextPresent = stackalloc bool[s];
        Span<bool> expected = stackalloc bool[s];
        Span<bool> inCand = stackalloc bool[s];
        Span<int> prev = stackalloc int[s];
        Span<int> cand = stackalloc int[s];
        v.Clear();
        nv.Clear();
        present.Clear();
        nextPresent.Clear();
        inCand.Clear();
        byte[] back = System.Buffers.ArrayPool<byte>.Shared.Rent(n * s); // state indices are < 256
        try
        {
            foreach (int y in _charStates.GetValueOrDefault(obs[0], _allStates))
            {
                v[y] = _start[y] + Emit(y, obs[0]);
                present[y] = true;
            }

            for (int t = 1; t < n; t++)
            {
                int prevCount = 0;
                expected.Clear();
                bool anyExpected = false;
                for (int x = 0; x < s; x++)
                {
                    if (present[x] && _next[x].Length > 0)
                    {
                        prev[prevCount++] = x;
                        foreach (int y in _next[x])
                        {
                            expected[y] = true;
                            anyExpected = true;
                        }
                    }
                }

                int candCount = 0;
                foreach (int y in _charStates.GetValueOrDefault(obs[t], _allStates))
                {
                    if (expected[y] && !inCand[y])
                    {
                        inCand[y] = true;
                        cand[candCount++] = y;
                    }
                }

                if (candCount == 0)
                {
                    for (int y = 0; y < s; y++)
                    {
                        if (!anyExpected || expected[y])
                        {
                            cand[candCount++] = y;
                        }
                    }
                }

                nextPresent.Clear();
                char c = obs[t];
                for (int k = 0; k < candCount; k++)
                {
                    int y = cand[k];
                    inCand[y] = false;
                    double em = Emit(y, c);
                    double best = double.NaN;
                    int bestPrev = -1;
                    for (int j = 0; j < prevCount; j++)
                    {
                        int y0 = prev[j];
                        double p = v[y0] + _trans[(y0 * s) + y] + em;
                        if (bestPrev < 0 || p > best || (p == best && y0 > bestPrev))
                        {
                            best = p;
                            bestPrev = y0;
                        }
                    }

                    if (bestPrev < 0)
                    {
                        // No state of the previous step has a successor (jieba itself would fail here): restart.
                        best = _start[y] + em;
                        bestPrev = y;
                    }

                    nv[y] = best;
                    back[(t * s) + y] = (byte)bestPrev;
                    nextPresent[y] = true;
                }

                Span<double> swapV = v;
                v = nv;
                nv = swapV;
                Span<bool> swapP = present;
                present = nextPresent;
                nextPresent = swapP;
            }

            int state = -1;
            for (int y = 0; y < s; y++)
            {
                if (present[y] && (state < 0 || v[y] > v[state] || (v[y] == v[state] && y > state)))
                {
                    state = y;
                }
            }

            var route = new int[n];
            for (int t = n - 1; t >= 0; t--)
            {
                route[t] = state;
                state = back[(t * s) + state];
            }

            return route;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(back);
        }
    }
}
