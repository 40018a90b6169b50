namespace TextInsight.Classification;

/// <summary>Turns probabilities into labels with cross-validated thresholds (shared by scoring and evaluation).</summary>
internal static class Decisions
{
    /// <summary>
    /// Single-label decision: the label with the largest <c>log(p) + offset</c>. The offsets are chosen by
    /// cross-validation to trade the majority class's precision for the minority classes' recall.
    /// </summary>
    internal static int SingleLabel(double[] p, IReadOnlyList<double> offsets)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < p.Length; i++)
        {
            double score = Math.Log(Math.Max(p[i], 1e-12)) + (i < offsets.Count ? offsets[i] : 0);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return best;
    }

    /// <summary>Multi-label decision: every label at or over its threshold, and at least the most probable one.</summary>
    internal static List<int> MultiLabel(double[] p, IReadOnlyList<double> thresholds)
    {
        var chosen = new List<int>();
        int best = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] >= thresholds[i])
            {
                chosen.Add(i);
            }

            if (p[i] > p[best])
            {
                best = i;
            }
        }

        if (chosen.Count == 0)
        {
            chosen.Add(best);
        }

        return chosen;
    }
}

/// <summary>The default taxonomy's decision from the three tasks' probabilities (TAXONOMY.md's rules).</summary>
internal static class DefaultDecision
{
    /// <summary>Index of <c>other</c> in the primary labels.</summary>
    internal const int OtherIndex = 4;

    /// <summary>
    /// Primary and urgency: the label with the largest offset log-probability (offsets chosen by
    /// cross-validation; urgency's keep high-urgency recall at its target). Topics: empty when primary is
    /// <c>other</c> (it means no topic); otherwise the primary topic plus each topic over its threshold.
    /// </summary>
    internal static (int Primary, bool[] Topics, int Urgency) Decide(double[] pTopics, double[] pPrimary, double[] pUrgency,
        IReadOnlyList<double> topicThresholds, IReadOnlyList<double> primaryOffsets, IReadOnlyList<double> urgencyOffsets)
    {
        int primary = Decisions.SingleLabel(pPrimary, primaryOffsets);

        var topics = new bool[pTopics.Length];
        if (primary != OtherIndex)
        {
            for (int k = 0; k < topics.Length; k++)
            {
                topics[k] = k == primary || pTopics[k] >= topicThresholds[k];
            }
        }

        return (primary, topics, Decisions.SingleLabel(pUrgency, urgencyOffsets));
    }
}
