using System.Runtime.CompilerServices;
using TextInsight.Jieba.Segmentation.Dictionary;
using TextInsight.Jieba.Segmentation.Hmm;

namespace TextInsight.Jieba.Segmentation;

/// <summary>
/// jieba 0.42.1's <c>cut</c>, <c>cut(cut_all=True)</c> and <c>cut_for_search</c>, token for token.
/// Each method mirrors the jieba function named in its summary; comments mark the quirks kept on purpose.
/// </summary>
/// <remarks>
/// The hot methods are marked AggressiveOptimization: a batch job or CLI run is over before tiered JIT
/// has replaced the unoptimised first-call code (measured: 21 MB/s cold vs 51 MB/s warm on the corpus).
/// </remarks>
internal static class SegmentationEngine
{
    /// <summary>Per-thread scratch arrays, so a cut allocates nothing once they have grown.</summary>
    private sealed class Scratch
    {
        internal double[] RouteProb = new double[256];
        internal int[] RouteEnd = new int[256];
        internal byte[] States = new byte[256];
        internal byte[] BackPointers = new byte[1024];
        internal int[] DagEnds = new int[64];

        internal void Ensure(int n)
        {
            if (RouteProb.Length <= n)
            {
                int size = Math.Max(n + 1, RouteProb.Length * 2);
                RouteProb = new double[size];
                RouteEnd = new int[size];
                States = new byte[size];
                BackPointers = new byte[size * 4];
            }
        }
    }

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary><c>Tokenizer.cut</c> (Precise, Full) or <c>cut_for_search</c> (Search) over <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Cut<TSink>(SegmenterState state, ReadOnlySpan<char> text, CutMode mode, bool hmm, ref TSink sink)
        where TSink : ITokenSink
    {
        // Take the scratch out of the slot so a sink that segments again on this thread gets its own.
        Scratch scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            if (mode == CutMode.Search)
            {
                var search = new SearchSink<TSink>(state.Dictionary, ref sink);
                CutBlocks(state, scratch, text, full: false, hmm, ref search);
                sink = search.Inner;
            }
            else
            {
                CutBlocks(state, scratch, text, full: mode == CutMode.Full, hmm, ref sink);
            }
        }
        finally
        {
            t_scratch = scratch;
        }
    }

    /// <summary>The block loop of <c>Tokenizer.cut</c>: <c>re_han_default.split</c>, then per block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CutBlocks<TSink>(SegmenterState state, Scratch scratch, ReadOnlySpan<char> text, bool full, bool hmm, ref TSink sink)
        where TSink : ITokenSink
    {
        int i = 0;
        while (i < text.Length)
        {
            int j = i;
            if (CharClass.IsBlock(text[i]))
            {
                while (j < text.Length && CharClass.IsBlock(text[j]))
                {
                    j++;
                }

                if (full)
                {
                    CutAll(state.Dictionary, scratch, text, i, j, ref sink);
                }
                else
                {
                    CutDag(state, scratch, text, i, j, hmm, ref sink);
                }
            }
            else
            {
                while (j < text.Length && !CharClass.IsBlock(text[j]))
                {
                    j++;
                }

                CutSkip(text, i, j, full, ref sink);
            }

            i = j;
        }
    }

    /// <summary>
    /// A non-dictionary block: <c>re_skip_default.split</c> on <c>(\r\n|\s)</c>. Separators are tokens;
    /// in Precise mode every other code point is a token; in Full mode each piece between separators is
    /// one token, including the empty pieces Python's <c>re.split</c> yields around separators (a jieba quirk).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CutSkip<TSink>(ReadOnlySpan<char> text, int start, int end, bool full, ref TSink sink)
        where TSink : ITokenSink
    {
        int pieceStart = start;
        int p = start;
        while (p < end)
        {
            char c = text[p];
            int sep = c == '\r' && p + 1 < end && text[p + 1] == '\n' ? 2 : CharClass.IsPythonSpace(c) ? 1 : 0;
            if (sep > 0)
            {
                if (full)
                {
                    Emit(text, pieceStart, p - pieceStart, ref sink);
                }

                Emit(text, p, sep, ref sink);
                p += sep;
                pieceStart = p;
            }
            else if (!full)
            {
                // Python iterates code points: a surrogate pair is one token, a lone surrogate is one too.
                int width = char.IsHighSurrogate(c) && p + 1 < end && char.IsLowSurrogate(text[p + 1]) ? 2 : 1;
                Emit(text, p, width, ref sink);
                p += width;
            }
            else
            {
                p++;
            }
        }

        if (full)
        {
            Emit(text, pieceStart, end - pieceStart, ref sink);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit<TSink>(ReadOnlySpan<char> text, int start, int length, ref TSink sink)
        where TSink : ITokenSink
        => sink.OnToken(text.Slice(start, length), start, length);

    /// <summary>
    /// <c>calc</c> over <c>get_DAG</c>, fused: for each position from right to left, walk the trie and keep
    /// <c>max((log(freq or 1) - log(total) + route[x+1], x))</c>; equal scores go to the larger end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void CalcRoute(PrefixDictionary dict, ReadOnlySpan<char> block, double[] prob, int[] routeEnd)
    {
        int n = block.Length;
        double logTotal = dict.LogTotal;
        prob[n] = 0;
        for (int idx = n - 1; idx >= 0; idx--)
        {
            double best = double.NegativeInfinity;
            int bestEnd = -1;
            int node = 0;
            for (int x = idx; x < n; x++)
            {
                node = dict.Child(node, block[x]);
                if (node == 0)
                {
                    break;
                }

                double logFreq = dict.LogFrequency(node);
                if (logFreq >= 0)
                {
                    double p = logFreq - logTotal + prob[x + 1];
                    if (p >= best)
                    {
                        best = p;
                        bestEnd = x;
                    }
                }
            }

            if (bestEnd < 0)
            {
                // get_DAG's fallback [k]: the character alone, scored as log(1).
                best = 0.0 - logTotal + prob[idx + 1];
                bestEnd = idx;
            }

            prob[idx] = best;
            routeEnd[idx] = bestEnd;
        }
    }

    /// <summary><c>__cut_DAG</c> (HMM on) and <c>__cut_DAG_NO_HMM</c> over one dictionary block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CutDag<TSink>(SegmenterState state, Scratch scratch, ReadOnlySpan<char> text, int start, int end, bool hmm, ref TSink sink)
        where TSink : ITokenSink
    {
        int n = end - start;
        scratch.Ensure(n);
        ReadOnlySpan<char> block = text[start..end];
        int[] routeEnd = scratch.RouteEnd;
        CalcRoute(state.Dictionary, block, scratch.RouteProb, routeEnd);

        int x = 0;
        int bufStart = -1;
        while (x < n)
        {
            int y = routeEnd[x] + 1;
            if (hmm)
            {
                if (y - x == 1)
                {
                    if (bufStart < 0)
                    {
                        bufStart = x;
                    }
                }
                else
                {
                    if (bufStart >= 0)
                    {
                        FlushHmmBuffer(state, scratch, text, start + bufStart, start + x, ref sink);
                        bufStart = -1;
                    }

                    Emit(text, start + x, y - x, ref sink);
                }
            }
            else if (y - x == 1 && CharClass.IsEng(block[x]))
            {
                // NO_HMM glues consecutive single ASCII letters/digits into one token.
                if (bufStart < 0)
                {
                    bufStart = x;
                }
            }
            else
            {
                if (bufStart >= 0)
                {
                    Emit(text, start + bufStart, x - bufStart, ref sink);
                    bufStart = -1;
                }

                Emit(text, start + x, y - x, ref sink);
            }

            x = y;
        }

        if (bufStart >= 0)
        {
            if (hmm)
            {
                FlushHmmBuffer(state, scratch, text, start + bufStart, start + n, ref sink);
            }
            else
            {
                Emit(text, start + bufStart, n - bufStart, ref sink);
            }
        }
    }

    /// <summary>
    /// A run of single-character route steps in <c>__cut_DAG</c>: one character is a token; a run that is
    /// itself a dictionary word (freq &gt; 0) is yielded character by character (jieba's buffer rule);
    /// anything else goes to <c>finalseg.cut</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlushHmmBuffer<TSink>(SegmenterState state, Scratch scratch, ReadOnlySpan<char> text, int start, int end, ref TSink sink)
        where TSink : ITokenSink
    {
        if (end - start == 1)
        {
            Emit(text, start, 1, ref sink);
        }
        else if (state.Dictionary.IsWord(text[start..end]))
        {
            for (int i = start; i < end; i++)
            {
                Emit(text, i, 1, ref sink);
            }
        }
        else
        {
            FinalSegCut(state, scratch, text, start, end, ref sink);
        }
    }

    /// <summary>
    /// <c>finalseg.cut</c>: Han runs go through the Viterbi decoder; other runs are split by
    /// <c>([a-zA-Z0-9]+(?:\.\d+)?%?)</c> and every non-empty piece is a token.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FinalSegCut<TSink>(SegmenterState state, Scratch scratch, ReadOnlySpan<char> text, int start, int end, ref TSink sink)
        where TSink : ITokenSink
    {
        int i = start;
        while (i < end)
        {
            int j = i;
            if (CharClass.IsHan(text[i]))
            {
                while (j < end && CharClass.IsHan(text[j]))
                {
                    j++;
                }

                HmmCut(state, scratch, text, i, j, ref sink);
                i = j;
                continue;
            }

            while (j < end && !CharClass.IsHan(text[j]))
            {
                j++;
            }

            // The non-Han run [i, j): matches of the skip pattern, and the text between them.
            int gapStart = i;
            int p = i;
            while (p < j)
            {
                if (!CharClass.IsEng(text[p]))
                {
                    p++;
                    continue;
                }

                int m = p;
                while (m < j && CharClass.IsEng(text[m]))
                {
                    m++;
                }

                if (m + 1 < j && text[m] == '.' && char.IsAsciiDigit(text[m + 1]))
                {
                    m += 2;
                    while (m < j && char.IsAsciiDigit(text[m]))
                    {
                        m++;
                    }
                }

                if (m < j && text[m] == '%')
                {
                    m++;
                }

                if (p > gapStart)
                {
                    Emit(text, gapStart, p - gapStart, ref sink);
                }

                Emit(text, p, m - p, ref sink);
                p = m;
                gapStart = m;
            }

            if (j > gapStart)
            {
                Emit(text, gapStart, j - gapStart, ref sink);
            }

            i = j;
        }
    }

    /// <summary><c>finalseg.__cut</c> on a Han run, with the force-split check of <c>finalseg.cut</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HmmCut<TSink>(SegmenterState state, Scratch scratch, ReadOnlySpan<char> text, int start, int end, ref TSink sink)
        where TSink : ITokenSink
    {
        int n = end - start;
        scratch.Ensure(n);
        Span<byte> states = scratch.States.AsSpan(0, n);
        state.Hmm.Viterbi(text[start..end], states, scratch.BackPointers);
        int begin = 0, next = 0;
        for (int i = 0; i < n; i++)
        {
            switch (states[i])
            {
                case FinalSegModel.B:
                    begin = i;
                    break;
                case FinalSegModel.E:
                    EmitHmmWord(state, text, start + begin, i + 1 - begin, ref sink);
                    next = i + 1;
                    break;
                case FinalSegModel.S:
                    EmitHmmWord(state, text, start + i, 1, ref sink);
                    next = i + 1;
                    break;
            }
        }

        if (next < n)
        {
            EmitHmmWord(state, text, start + next, n - next, ref sink);
        }
    }

    private static void EmitHmmWord<TSink>(SegmenterState state, ReadOnlySpan<char> text, int start, int length, ref TSink sink)
        where TSink : ITokenSink
    {
        if (!state.IsForceSplit(text.Slice(start, length)))
        {
            Emit(text, start, length, ref sink);
            return;
        }

        for (int i = 0; i < length; i++)
        {
            Emit(text, start + i, 1, ref sink);
        }
    }

    /// <summary><c>__cut_all</c> over one dictionary block, with its English-gluing buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CutAll<TSink>(PrefixDictionary dict, Scratch scratch, ReadOnlySpan<char> text, int start, int end, ref TSink sink)
        where TSink : ITokenSink
    {
        ReadOnlySpan<char> block = text[start..end];
        int n = block.Length;
        int oldJ = -1;
        bool engScan = false;
        var eng = new EngBuffer();
        for (int k = 0; k < n; k++)
        {
            int count = DagEnds(dict, block, k, scratch);
            int[] ends = scratch.DagEnds;
            if (engScan && !CharClass.IsEng(block[k]))
            {
                engScan = false;
                eng.Flush(text, ref sink);
            }

            if (count == 1 && k > oldJ)
            {
                int wordEnd = ends[0] + 1;
                if (CharClass.IsEng(block[k]))
                {
                    if (!engScan)
                    {
                        engScan = true;
                        eng.Start(start + k, start + wordEnd);
                    }
                    else
                    {
                        eng.Append(text, start + k, start + wordEnd);
                    }
                }

                if (!engScan)
                {
                    Emit(text, start + k, wordEnd - k, ref sink);
                }

                oldJ = ends[0];
            }
            else
            {
                for (int e = 0; e < count; e++)
                {
                    int j = ends[e];
                    if (j > k)
                    {
                        Emit(text, start + k, j + 1 - k, ref sink);
                        oldJ = j;
                    }
                }
            }
        }

        if (engScan)
        {
            eng.Flush(text, ref sink);
        }
    }

    /// <summary><c>get_DAG</c> for one position: the ends of the dictionary words starting at <paramref name="k"/>, or just <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DagEnds(PrefixDictionary dict, ReadOnlySpan<char> block, int k, Scratch scratch)
    {
        int count = 0;
        int node = 0;
        for (int i = k; i < block.Length; i++)
        {
            node = dict.Child(node, block[i]);
            if (node == 0)
            {
                break;
            }

            if (dict.LogFrequency(node) >= 0)
            {
                if (count == scratch.DagEnds.Length)
                {
                    Array.Resize(ref scratch.DagEnds, count * 2);
                }

                scratch.DagEnds[count++] = i;
            }
        }

        if (count == 0)
        {
            scratch.DagEnds[count++] = k;
        }

        return count;
    }

    /// <summary>
    /// <c>eng_buf</c> of <c>__cut_all</c>. It concatenates words; they are normally adjacent, so the
    /// buffer stays a span of the input and a string is only built when a gap appears.
    /// </summary>
    private struct EngBuffer
    {
        private int _start;
        private int _end;
        private string? _glued;

        internal void Start(int start, int end)
        {
            _start = start;
            _end = end;
            _glued = null;
        }

        internal void Append(ReadOnlySpan<char> text, int start, int end)
        {
            if (_glued is null && start == _end)
            {
                _end = end;
                return;
            }

            _glued = string.Concat(_glued ?? text[_start.._end].ToString(), text[start..end]);
            _end = end;
        }

        internal readonly void Flush<TSink>(ReadOnlySpan<char> text, ref TSink sink)
            where TSink : ITokenSink
        {
            if (_glued is null)
            {
                Emit(text, _start, _end - _start, ref sink);
            }
            else
            {
                sink.OnToken(_glued, _start, _end - _start);
            }
        }
    }

    /// <summary>
    /// <c>cut_for_search</c>: before each precise token longer than 2 (3), its dictionary 2-grams (3-grams).
    /// </summary>
    private struct SearchSink<TInner>(PrefixDictionary dict, ref TInner inner) : ITokenSink
        where TInner : ITokenSink
    {
        internal TInner Inner = inner;

        public void OnToken(ReadOnlySpan<char> token, int start, int length)
        {
            if (token.Length > 2)
            {
                for (int i = 0; i < token.Length - 1; i++)
                {
                    if (dict.IsWord(token.Slice(i, 2)))
                    {
                        Inner.OnToken(token.Slice(i, 2), start + i, 2);
                    }
                }
            }

            if (token.Length > 3)
            {
                for (int i = 0; i < token.Length - 2; i++)
                {
                    if (dict.IsWord(token.Slice(i, 3)))
                    {
                        Inner.OnToken(token.Slice(i, 3), start + i, 3);
                    }
                }
            }

            Inner.OnToken(token, start, length);
        }
    }
}
