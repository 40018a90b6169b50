namespace TextInsight.Classification.Training;

/// <summary>The seeded, stratified hold-out split used for validation numbers (model card, tests, peers).</summary>
internal static class DataSplit
{
    /// <summary>Holds out <paramref name="share"/> of each stratum (strata in ordinal order, members shuffled with <paramref name="seed"/>).</summary>
    internal static (List<T> Train, List<T> Validation) Split<T>(IReadOnlyList<T> items, Func<T, string> stratum, double share, int seed)
    {
        var rng = new Random(seed);
        var train = new List<T>();
        var validation = new List<T>();
        foreach (IGrouping<string, T> group in items.GroupBy(stratum).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            T[] members = [.. group];
            rng.Shuffle(members);
            int hold = (int)Math.Round(members.Length * share);
            validation.AddRange(members.Take(hold));
            train.AddRange(members.Skip(hold));
        }

        return (train, validation);
    }
}
