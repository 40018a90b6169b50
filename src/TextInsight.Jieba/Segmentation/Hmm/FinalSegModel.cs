using System.Runtime.CompilerServices;
using TextInsight.Jieba.Internal;

namespace TextInsight.Jieba.Segmentation.Hmm;

/// <summary>
/// jieba's <c>finalseg</c> HMM (states B, M, E, S) that splits runs of characters the dictionary
/// does not join, with Viterbi decoding that reproduces jieba's doubles and tie-breaking exactly.
/// </summary>
/// <remarks>Immutable after construction; safe to share between threads.</remarks>
internal sealed class FinalSegModel
{
    /// <summary>jieba's <c>MIN_FLOAT</c>, the log-probability of anything the tables do not list.</summary>
    internal const double MinFloat = -3.14e100;

    // State indices; jieba breaks ties by comparing state letters, and B < E < M < S.
    internal const int B = 0, M = 1, E = 2, S = 3;

    private readonly double[] _start = new double[4];
    private readonly double[,] _trans = new double[4, 4];
    // Emission log-probabilities interleaved by character (_emit[ch * 4 + state]): the four states of
    // one character share a cache line, where four separate tables cost four misses per character.
    private readonly double[] _emit = new double[65536 * 4];

    private static readonly Lazy<FinalSegModel> s_default = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private FinalSegModel()
    {
        for (int s = 0; s < 4; s++)
        {
            for (int t = 0; t < 4; t++)
            {
                _trans[s, t] = MinFloat;
            }
        }

        Array.Fill(_emit, MinFloat);
    }

    /// <summary>The model jieba 0.42.1 ships, loaded once per process on first use.</summary>
    internal static FinalSegModel Default => s_default.Value;

    private const string Prefix = "TextInsight.jieba.finalseg.";

    /// <summary>The embedded resources the tables are read from.</summary>
    internal static string[] Resources => [Prefix + "prob_start.tsv.gz", Prefix + "prob_trans.tsv.gz", Prefix + "prob_emit.tsv.gz"];

    /// <summary>Parses the embedded tables (not cached; <see cref="Default"/> caches).</summary>
    internal static FinalSegModel LoadDefault()
    {
        var model = new FinalSegModel();
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(Prefix + "prob_start.tsv.gz"), Prefix + "prob_start.tsv.gz", 2,
            f => model._start[State(f[0])] = TsvTable.ParseDouble(f[1]));
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(Prefix + "prob_trans.tsv.gz"), Prefix + "prob_trans.tsv.gz", 3,
            f => model._trans[State(f[0]), State(f[1])] = TsvTable.ParseDouble(f[2]));
        TsvTable.ForEachRow(EmbeddedData.ReadGzip(Prefix + "prob_emit.tsv.gz"), Prefix + "prob_emit.tsv.gz", 3,
            f => model._emit[(TsvTable.SingleChar(f[1]) * 4) + State(f[0])] = TsvTable.ParseDouble(f[2]));
        return model;
    }

    private static int State(string s) => s switch
    {
        "B" => B,
        "M" => M,
        "E" => E,
        "S" => S,
        _ => throw new FormatException($"unknown HMM state '{s}'"),
    };

    /// <summary>
    /// Decodes the most likely state sequence of <paramref name="obs"/> into <paramref name="states"/>,
    /// following <c>finalseg.viterbi</c>: same order of additions, ties to the larger state letter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot: see SegmentationEngine
    internal void Viterbi(ReadOnlySpan<char> obs, Span<byte> states, Span<byte> backPointers)
    {
        int n = obs.Length;
        double[] emit = _emit;
        int e0 = obs[0] * 4;
        double vB = _start[B] + emit[e0 + B];
        double vM = _start[M] + emit[e0 + M];
        double vE = _start[E] + emit[e0 + E];
        double vS = _start[S] + emit[e0 + S];
        double tEB = _trans[E, B], tSB = _trans[S, B], tMM = _trans[M, M], tBM = _trans[B, M];
        double tSS = _trans[S, S], tES = _trans[E, S], tBE = _trans[B, E], tME = _trans[M, E];
        for (int t = 1; t < n; t++)
        {
            int ec = obs[t] * 4;
            int bp = t * 4;

            // B <- E, S
            double em = emit[ec + B];
            double p1 = vE + tEB + em, p2 = vS + tSB + em;
            double nB; byte fromB;
            if (p2 >= p1) { nB = p2; fromB = S; } else { nB = p1; fromB = E; }

            // M <- M, B
            em = emit[ec + M];
            p1 = vM + tMM + em; p2 = vB + tBM + em;
            double nM; byte fromM;
            if (p1 >= p2) { nM = p1; fromM = M; } else { nM = p2; fromM = B; }

            // E <- B, M
            em = emit[ec + E];
            p1 = vB + tBE + em; p2 = vM + tME + em;
            double nE; byte fromE;
            if (p2 >= p1) { nE = p2; fromE = M; } else { nE = p1; fromE = B; }

            // S <- S, E
            em = emit[ec + S];
            p1 = vS + tSS + em; p2 = vE + tES + em;
            double nS; byte fromS;
            if (p1 >= p2) { nS = p1; fromS = S; } else { nS = p2; fromS = E; }

            backPointers[bp + B] = fromB;
            backPointers[bp + M] = fromM;
            backPointers[bp + E] = fromE;
            backPointers[bp + S] = fromS;
            vB = nB; vM = nM; vE = nE; vS = nS;
        }

        int state = vS >= vE ? S : E;
        for (int t = n - 1; t >= 0; t--)
        {
            states[t] = (byte)state;
            if (t > 0)
            {
                state = backPointers[t * 4 + state];
            }
        }
    }
}
