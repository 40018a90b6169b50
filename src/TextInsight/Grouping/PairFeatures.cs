namespace TextInsight.Grouping;

/// <summary>What two prepared messages share, as the numbers the same-issue model weighs.</summary>
internal static class PairFeatures
{
    /// <summary>Feature names, in vector order; stored in the model so a file with other features is refused.</summary>
    public static readonly string[] Names =
    [
        "char_cosine",          // character 2-4-gram TF-IDF cosine of title and text
        "title_cosine",         // the same over titles alone (0 when either has none)
        "word_overlap",         // idf-weighted Jaccard of the words
        "rarest_shared_word",   // idf of the rarest shared word, / 15
        "anchor_overlap",       // Jaccard of place/organisation/project names
        "rarest_shared_anchor", // idf of the rarest shared name, / 15
        "anchor_conflict",      // both name places, none in common
        "copied_opening",       // share of the shorter opening's 8-character shingles found in the other
        "keyword_overlap",      // Jaccard of the top TF-IDF words
        "problem_overlap",      // Jaccard of those keywords that are not names
        "passage_rarest",       // idf of the rarest passage the openings share (SharedPassages), / 10
        "passage_second",       // of the second rarest
        "passage_third",        // of the third rarest
        "passage_rare_count",   // how many shared passages are rare, / 5
        "passage_cover",        // share of the shorter opening the shared passages cover
        "city_conflict",        // both name cities, none in common (AdminAreas)
        "district_conflict",    // both name counties or districts, none in common
        "semantic_cosine",      // cosine in the model's semantic space (LSA of the corpus words): same problem, other words
    ];

    public static int Count => Names.Length;

    public static void Compute(IssueDocument a, IssueDocument b, DocumentFrequencies df, Span<float> features)
    {
        var words = WeightedSet.Overlap(a.Words, b.Words);
        var anchors = WeightedSet.Overlap(a.Anchors, b.Anchors);
        var keywords = WeightedSet.Overlap(a.Keywords, b.Keywords);
        features[0] = (float)SparseVector.Cosine(a.Chars, b.Chars);
        features[1] = (float)SparseVector.Cosine(a.Title, b.Title);
        features[2] = (float)(words.Shared / Math.Max(1e-9, words.Union));
        features[3] = (float)(words.MaxShared / 15.0);
        features[4] = anchors.SharedCount / (float)Math.Max(1, a.Anchors.Count + b.Anchors.Count - anchors.SharedCount);
        features[5] = (float)(anchors.MaxShared / 15.0);
        features[6] = a.Anchors.Count > 0 && b.Anchors.Count > 0 && anchors.SharedCount == 0 ? 1f : 0f;
        features[7] = Containment(a.Shingles, b.Shingles);
        features[8] = keywords.SharedCount / (float)Math.Max(1, a.Keywords.Count + b.Keywords.Count - keywords.SharedCount);
        features[9] = ProblemOverlap(a, b);
        SharedPassages.Compute(a, b, df, features.Slice(10, SharedPassages.FeatureCount));
        features[15] = AdminAreas.Conflict(a.Cities, b.Cities);
        features[16] = AdminAreas.Conflict(a.Districts, b.Districts);
        features[17] = SemanticCosine(a.Semantic, b.Semantic);
    }

    /// <summary>The dot product of two unit vectors (0 when either is missing: no space, or no word the space knows).</summary>
    private static float SemanticCosine(Half[] a, Half[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0f;
        }

        Span<float> x = stackalloc float[a.Length];
        Span<float> y = stackalloc float[b.Length];
        System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(a, x);
        System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(b, y);
        return System.Numerics.Tensors.TensorPrimitives.Dot(x, y);
    }

    private static float Containment(uint[] a, uint[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0f;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared / (float)Math.Min(a.Length, b.Length);
    }

    private static float ProblemOverlap(IssueDocument a, IssueDocument b)
    {
        int inA = 0, inB = 0, shared = 0;
        foreach (ulong k in a.Keywords.Keys)
        {
            if (Array.BinarySearch(a.Anchors.Keys, k) >= 0)
            {
                continue;
            }

            inA++;
            if (Array.BinarySearch(b.Keywords.Keys, k) >= 0 && Array.BinarySearch(b.Anchors.Keys, k) < 0)
            {
                shared++;
            }
        }

        foreach (ulong k in b.Keywords.Keys)
        {
            if (Array.BinarySearch(b.Anchors.Keys, k) < 0)
            {
                inB++;
            }
        }

        return shared / (float)Math.Max(1, inA + inB - shared);
    }
}
