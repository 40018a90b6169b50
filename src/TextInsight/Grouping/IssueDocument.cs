namespace TextInsight.Grouping;

/// <summary>
/// A message prepared for same-issue comparison once, so that comparing it with many candidates is cheap:
/// weighted character n-grams of the whole message and of its title, its words, the names of places,
/// organisations and projects in it (anchors), its keywords, the shingles of its opening, the opening itself
/// (for shared passages) and the cities and districts it names.
/// </summary>
internal sealed class IssueDocument
{
    public required SparseVector Chars { get; init; }

    public required SparseVector Title { get; init; }

    /// <summary>Words of two or more characters: hashes ascending, with their idf.</summary>
    public required WeightedSet Words { get; init; }

    /// <summary>Place, organisation and project names.</summary>
    public required WeightedSet Anchors { get; init; }

    /// <summary>The top TF-IDF words.</summary>
    public required WeightedSet Keywords { get; init; }

    /// <summary>Hashes of the 8-character shingles of the message's opening, ascending and distinct.</summary>
    public required uint[] Shingles { get; init; }

    /// <summary>Keys for candidate lookup: anchors and the top keywords, rarest first.</summary>
    public required ulong[] BlockKeys { get; init; }

    /// <summary>Words for an issue's label: anchors then keywords, in weight order.</summary>
    public required string[] LabelAnchors { get; init; }

    /// <summary>The message's keywords that are not anchors, in weight order: the problem, for an issue's label.</summary>
    public required string[] LabelKeywords { get; init; }

    /// <summary>The first <see cref="SharedPassages.OpeningLength"/> characters of the normalised title and text.</summary>
    public required string Opening { get; init; }

    /// <summary>The opening's character pairs, as <see cref="SharedPassages.Index"/> makes them.</summary>
    public required uint[] OpeningIndex { get; init; }

    /// <summary>Hashed cities the opening names (<see cref="AdminAreas"/>), ascending.</summary>
    public required ulong[] Cities { get; init; }

    /// <summary>Hashed counties and districts the opening names, ascending.</summary>
    public required ulong[] Districts { get; init; }

    /// <summary>The message's coordinates in the model's semantic space (unit length, or empty without a space or known words).</summary>
    public required Half[] Semantic { get; init; }
}

/// <summary>A set of hashed words with a weight each, keys ascending.</summary>
internal readonly struct WeightedSet
{
    public static readonly WeightedSet Empty = new([], []);

    public WeightedSet(ulong[] keys, float[] weights)
    {
        Keys = keys;
        Weights = weights;
    }

    public ulong[] Keys { get; }

    public float[] Weights { get; }

    public int Count => Keys.Length;

    public static WeightedSet From(Dictionary<ulong, float> entries)
    {
        ulong[] keys = [.. entries.Keys];
        Array.Sort(keys);
        var weights = new float[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            weights[i] = entries[keys[i]];
        }

        return new WeightedSet(keys, weights);
    }

    /// <summary>Sum of shared weights, sum of the union's weights, the largest shared weight, and the shared count.</summary>
    public static (double Shared, double Union, double MaxShared, int SharedCount) Overlap(in WeightedSet a, in WeightedSet b)
    {
        ulong[] ka = a.Keys, kb = b.Keys;
        int i = 0, j = 0, count = 0;
        double shared = 0, union = 0, max = 0;
        while (i < ka.Length || j < kb.Length)
        {
            if (j == kb.Length || (i < ka.Length && ka[i] < kb[j]))
            {
                union += a.Weights[i++];
            }
            else if (i == ka.Length || kb[j] < ka[i])
            {
                union += b.Weights[j++];
            }
            else
            {
                float w = a.Weights[i];
                shared += w;
                union += w;
                max = Math.Max(max, w);
                count++;
                i++;
                j++;
            }
        }

        return (shared, union, max, count);
    }
}
