namespace TextInsight.Grouping;

/// <summary>
/// The passages two messages' openings share, taken greedily as repeated longest common substrings: the longest
/// common run of letters and digits first, then the longest among what neither side has used yet, down to two
/// characters. Two messages about one issue share a rare name and a rare phrase of the problem ("丽发新城" and
/// "搅拌站"); a place's other problem, or one problem at another place, shares only one of them. That second
/// rare passage is what the word and name features missed: jieba splits novel estate names into common words.
/// </summary>
internal static class SharedPassages
{
    /// <summary>Characters of the normalised title and text compared: the opening names the issue.</summary>
    public const int OpeningLength = 200;

    /// <summary>Features written by <see cref="Compute"/>.</summary>
    public const int FeatureCount = 5;

    /// <summary>A passage this rare (smoothed idf, about 1 message in 150) counts toward the rare-passage feature.</summary>
    private const float RareIdf = 6f;

    private const int MinLength = 2;

    /// <summary>Diagonal runs considered per pair: bounds the work on degenerate text ("哈哈哈…" against itself).</summary>
    private const int MaxRuns = 1024;

    /// <summary>The low bits of a heap key that hold the run's index (fits <see cref="MaxRuns"/>; positions and lengths fit 8 bits).</summary>
    private const long RunMask = MaxRuns - 1;

    /// <summary>
    /// The opening's adjacent letter/digit pairs as sorted keys: a 24-bit hash of the two characters above an 8-bit
    /// position. Pairs of messages are matched by merging two of these instead of a 200 × 200 table per pair.
    /// </summary>
    public static uint[] Index(string opening)
    {
        if (opening.Length > OpeningLength)
        {
            throw new ArgumentException("The opening is longer than " + OpeningLength + " characters.", nameof(opening));
        }

        var keys = new List<uint>(opening.Length);
        for (int i = 0; i + 1 < opening.Length; i++)
        {
            if (IsPassageChar(opening[i]) && IsPassageChar(opening[i + 1]))
            {
                keys.Add((PairHash(opening[i], opening[i + 1]) << 8) | (uint)i);
            }
        }

        uint[] result = [.. keys];
        Array.Sort(result);
        return result;
    }

    /// <summary>
    /// Writes the idf of the rarest, second and third rarest distinct shared passages (÷ 10), the number of rare ones
    /// (÷ 5), and the share of the shorter opening the passages cover.
    /// </summary>
    public static void Compute(IssueDocument a, IssueDocument b, DocumentFrequencies df, Span<float> features)
    {
        features[..FeatureCount].Clear();
        string sa = a.Opening, sb = b.Opening;
        if (sa.Length < MinLength || sb.Length < MinLength)
        {
            return;
        }

        Span<(int I, int J, int Length)> found = stackalloc (int, int, int)[OpeningLength];
        int passages = Find(sa, a.OpeningIndex, sb, b.OpeningIndex, found);
        Span<int> starts = stackalloc int[passages];
        Span<int> lengths = stackalloc int[passages];
        Span<float> idfs = stackalloc float[passages];
        int distinct = 0, covered = 0;
        foreach ((int i, _, int length) in found[..passages])
        {
            covered += length;
            ReadOnlySpan<char> text = sa.AsSpan(i, length);
            bool seen = false;
            for (int k = 0; k < distinct && !seen; k++)
            {
                seen = sa.AsSpan(starts[k], lengths[k]).SequenceEqual(text);
            }

            if (!seen)
            {
                starts[distinct] = i;
                lengths[distinct] = length;
                idfs[distinct] = Idf(text, df);
                distinct++;
            }
        }

        if (passages == 0)
        {
            return;
        }

        Span<float> ranked = idfs[..distinct];
        ranked.Sort();
        int rare = 0;
        foreach (float idf in ranked)
        {
            rare += idf >= RareIdf ? 1 : 0;
        }

        for (int k = 0; k < 3 && k < distinct; k++)
        {
            features[k] = ranked[distinct - 1 - k] / 10f;
        }

        features[3] = rare / 5f;
        features[4] = covered / (float)Math.Min(sa.Length, sb.Length);
    }

    /// <summary>
    /// The shared passages of two openings in the order taken: (start in a, start in b, length), longest first, ties
    /// to the earliest in a, then in b. Each position of either opening is in at most one passage.
    /// </summary>
    /// <returns>How many passages were written to <paramref name="passages"/> (at most its length).</returns>
    internal static int Find(string sa, uint[] ia, string sb, uint[] ib, Span<(int I, int J, int Length)> passages)
    {
        Span<int> runs = stackalloc int[MaxRuns * 3];
        int runCount = MaximalRuns(ia, ib, sa, sb, runs);
        Span<bool> usedA = stackalloc bool[sa.Length];
        Span<bool> usedB = stackalloc bool[sb.Length];

        // A lazy heap of runs keyed by their longest unused stretch. Taking a passage only shortens other runs'
        // stretches, or leaves one of equal length that lies later, so a stored key never ranks a run below its
        // true stretch: when the top's recomputed key is unchanged it is the longest overall. This makes selection
        // n log n in the runs, where rescanning every run for every passage was quadratic on near-copies.
        Span<long> heap = stackalloc long[runCount];
        for (int r = 0; r < runCount; r++)
        {
            heap[r] = HeapKey(runs[(r * 3) + 2], runs[r * 3], runs[(r * 3) + 1], r);
        }

        for (int k = (runCount / 2) - 1; k >= 0; k--)
        {
            SiftDown(heap, k);
        }

        int size = runCount, count = 0;
        while (count < passages.Length && size > 0)
        {
            long top = heap[0];
            int run = (int)(top & RunMask);
            int pa = runs[run * 3], pb = runs[(run * 3) + 1];
            (int offset, int length) = LongestUnused(pa, pb, runs[(run * 3) + 2], usedA, usedB);
            if (length < MinLength)
            {
                heap[0] = heap[--size];
                SiftDown(heap[..size], 0);
                continue;
            }

            long key = HeapKey(length, pa + offset, pb + offset, run);
            if (key != top)
            {
                heap[0] = key;
                SiftDown(heap[..size], 0);
                continue;
            }

            // Taken; the run keeps its key, still an upper bound on what is left of it.
            usedA.Slice(pa + offset, length).Fill(true);
            usedB.Slice(pb + offset, length).Fill(true);
            passages[count++] = (pa + offset, pb + offset, length);
        }

        return count;
    }

    /// <summary>
    /// Orders runs for the min-heap: longer stretch first, then earlier in a, then in b (distinct runs never tie:
    /// they lie on different diagonals or apart on one), then the run's index, which the low bits carry.
    /// </summary>
    private static long HeapKey(int length, int i, int j, int run) =>
        ((long)(byte.MaxValue - length) << 26) | ((long)i << 18) | ((long)j << 10) | (uint)run;

    private static void SiftDown(Span<long> heap, int k)
    {
        if (k >= heap.Length)
        {
            return;
        }

        long item = heap[k];
        while (true)
        {
            int child = (2 * k) + 1;
            if (child >= heap.Length)
            {
                break;
            }

            if (child + 1 < heap.Length && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (heap[child] >= item)
            {
                break;
            }

            heap[k] = heap[child];
            k = child;
        }

        heap[k] = item;
    }

    /// <summary>
    /// The maximal runs of equal letters and digits on every diagonal, as (start in a, start in b, length) triples,
    /// found from the character pairs both openings hold.
    /// </summary>
    private static int MaximalRuns(uint[] ka, uint[] kb, string sa, string sb, Span<int> runs)
    {
        int count = 0, i = 0, j = 0;
        while (i < ka.Length && j < kb.Length)
        {
            uint ha = ka[i] >> 8, hb = kb[j] >> 8;
            if (ha < hb)
            {
                i++;
                continue;
            }

            if (hb < ha)
            {
                j++;
                continue;
            }

            int iEnd = i, jEnd = j;
            while (iEnd < ka.Length && ka[iEnd] >> 8 == ha)
            {
                iEnd++;
            }

            while (jEnd < kb.Length && kb[jEnd] >> 8 == hb)
            {
                jEnd++;
            }

            for (int x = i; x < iEnd; x++)
            {
                int pa = (int)(ka[x] & 0xFF);
                for (int y = j; y < jEnd; y++)
                {
                    int pb = (int)(kb[y] & 0xFF);
                    // The hash can collide; the characters decide. A run is recorded once, at its start.
                    if (sa[pa] != sb[pb] || sa[pa + 1] != sb[pb + 1]
                        || (pa > 0 && pb > 0 && sa[pa - 1] == sb[pb - 1] && IsPassageChar(sa[pa - 1])))
                    {
                        continue;
                    }

                    int length = 2;
                    while (pa + length < sa.Length && pb + length < sb.Length && sa[pa + length] == sb[pb + length] && IsPassageChar(sa[pa + length]))
                    {
                        length++;
                    }

                    if (count == MaxRuns)
                    {
                        return count;
                    }

                    runs[count * 3] = pa;
                    runs[(count * 3) + 1] = pb;
                    runs[(count * 3) + 2] = length;
                    count++;
                }
            }

            i = iEnd;
            j = jEnd;
        }

        return count;
    }

    /// <summary>The longest stretch of one run that neither side has used, as (offset into the run, length); ties go to the earliest.</summary>
    private static (int Offset, int Length) LongestUnused(int pa, int pb, int length, ReadOnlySpan<bool> usedA, ReadOnlySpan<bool> usedB)
    {
        (int Offset, int Length) best = (0, 0);
        int streak = 0;
        for (int k = 0; k <= length; k++)
        {
            if (k < length && !usedA[pa + k] && !usedB[pb + k])
            {
                streak++;
                continue;
            }

            if (streak > best.Length)
            {
                best = (k - streak, streak);
            }

            streak = 0;
        }

        return best;
    }

    /// <summary>A passage's idf: its own for up to four characters, else that of its most common 4-gram (an upper bound on its frequency).</summary>
    private static float Idf(ReadOnlySpan<char> passage, DocumentFrequencies df)
    {
        if (passage.Length <= 4)
        {
            return df.Idf(IssueDocumentBuilder.CharGramKey(passage));
        }

        float min = float.MaxValue;
        for (int k = 0; k + 4 <= passage.Length; k++)
        {
            min = Math.Min(min, df.Idf(IssueDocumentBuilder.CharGramKey(passage.Slice(k, 4))));
        }

        return min;
    }

    private static bool IsPassageChar(char c) => char.IsLetterOrDigit(c);

    private static uint PairHash(char x, char y)
    {
        uint h = ((uint)x * 0x9E3779B1u) ^ ((uint)y * 0x85EBCA77u);
        h ^= h >> 15;
        h *= 0xC2B2AE3Du;
        h ^= h >> 13;
        return h & 0xFFFFFF;
    }
}
