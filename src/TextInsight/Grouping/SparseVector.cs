namespace TextInsight.Grouping;

/// <summary>A sparse, L2-normalised vector: keys ascending, one weight each.</summary>
internal readonly struct SparseVector
{
    public static readonly SparseVector Empty = new([], []);

    public SparseVector(uint[] keys, float[] weights)
    {
        Keys = keys;
        Weights = weights;
    }

    public uint[] Keys { get; }

    public float[] Weights { get; }

    public int Count => Keys.Length;

    /// <summary>Cosine of two normalised vectors: a merge over the sorted keys.</summary>
    public static double Cosine(in SparseVector a, in SparseVector b)
    {
        uint[] ka = a.Keys, kb = b.Keys;
        float[] wa = a.Weights, wb = b.Weights;
        int i = 0, j = 0;
        double dot = 0;
        while (i < ka.Length && j < kb.Length)
        {
            uint x = ka[i], y = kb[j];
            if (x == y)
            {
                dot += wa[i++] * wb[j++];
            }
            else if (x < y)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Math.Min(1.0, dot);
    }

    /// <summary>Builds a normalised vector from key → raw weight, keeping the <paramref name="keep"/> heaviest entries.</summary>
    public static SparseVector From(Dictionary<uint, float> weights, int keep)
    {
        if (weights.Count == 0)
        {
            return Empty;
        }

        KeyValuePair<uint, float>[] entries = [.. weights];
        if (entries.Length > keep)
        {
            // Heaviest first; ties by key so the result does not depend on dictionary order.
            Array.Sort(entries, static (p, q) => p.Value != q.Value ? q.Value.CompareTo(p.Value) : p.Key.CompareTo(q.Key));
            Array.Resize(ref entries, keep);
        }

        Array.Sort(entries, static (p, q) => p.Key.CompareTo(q.Key));
        double norm = 0;
        foreach (KeyValuePair<uint, float> e in entries)
        {
            norm += (double)e.Value * e.Value;
        }

        norm = Math.Sqrt(norm);
        var keys = new uint[entries.Length];
        var values = new float[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            keys[i] = entries[i].Key;
            values[i] = norm > 0 ? (float)(entries[i].Value / norm) : 0f;
        }

        return new SparseVector(keys, values);
    }
}
