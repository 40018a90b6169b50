namespace TextInsight.Grouping;

/// <summary>
/// How many documents of a corpus hold each character n-gram and word, by hashed key (a fixed-size table:
/// colliding keys share a count, which only ever makes an idf smaller). Immutable once built.
/// </summary>
internal sealed class DocumentFrequencies
{
    public DocumentFrequencies(int[] counts, int documentCount)
    {
        if (counts.Length == 0 || (counts.Length & (counts.Length - 1)) != 0)
        {
            throw new ArgumentException("The table's size must be a power of two.", nameof(counts));
        }

        Counts = counts;
        DocumentCount = documentCount;
        _mask = (uint)counts.Length - 1;
    }

    private readonly uint _mask;

    public int[] Counts { get; }

    public int DocumentCount { get; }

    /// <summary>Smoothed idf, as scikit-learn's <c>TfidfVectorizer(smooth_idf=True)</c>: ln((1 + N) / (1 + df)) + 1.</summary>
    public float Idf(ulong key) => (float)(Math.Log((1.0 + DocumentCount) / (1.0 + Counts[(uint)key & _mask])) + 1.0);

    /// <summary>Counts the documents' distinct keys into a table of 2^<paramref name="bits"/> entries.</summary>
    public static DocumentFrequencies Count(IEnumerable<IReadOnlyCollection<ulong>> documents, int bits)
    {
        var counts = new int[1 << bits];
        uint mask = (uint)counts.Length - 1;
        int n = 0;
        foreach (IReadOnlyCollection<ulong> keys in documents)
        {
            n++;
            foreach (ulong key in keys)
            {
                counts[(uint)key & mask]++;
            }
        }

        return new DocumentFrequencies(counts, n);
    }
}
