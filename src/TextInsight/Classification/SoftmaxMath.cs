namespace TextInsight.Classification;

/// <summary>The softmax of a vector of scores.</summary>
internal static class SoftmaxMath
{
    /// <summary>Replaces <paramref name="z"/> by <c>exp(z - max z) / Σ exp(z - max z)</c> (shifted so no exponent overflows).</summary>
    internal static void InPlace(Span<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int c = 0; c < z.Length; c++)
        {
            z[c] = Math.Exp(z[c] - max);
            sum += z[c];
        }

        for (int c = 0; c < z.Length; c++)
        {
            z[c] /= sum;
        }
    }
}
