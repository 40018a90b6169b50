namespace TextInsight.Training;

/// <summary>
/// A seeded, stratified hold-out split: the one behind the validation numbers of the model card and
/// <c>textinsight train --validation-split</c>. Use it to hold back part of your own labels the same way.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Holds out <paramref name="share"/> of each stratum: strata are taken in ordinal order of their keys, and each
    /// stratum's members are shuffled with a generator seeded by <paramref name="seed"/>, so the same items, keys and
    /// seed give the same split.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="stratum">Each item's stratum key (for example its label, or primary topic and urgency).</param>
    /// <param name="share">The share of each stratum held out, in [0, 1] (rounded to whole items per stratum).</param>
    /// <param name="seed">The shuffle seed.</param>
    /// <returns>The items kept for training and those held out, each in split order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="stratum"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside [0, 1].</exception>
    public static (List<T> Train, List<T> HeldOut) Split<T>(IReadOnlyList<T> items, Func<T, string> stratum, double share, int seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(stratum);
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The held-out share must be in [0, 1].");
        }

        var rng = new Random(seed);
        var train = new List<T>();
        var heldOut = new List<T>();
        foreach (IGrouping<string, T> group in items.GroupBy(stratum).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            T[] members = [.. group];
            rng.Shuffle(members);
            int hold = (int)Math.Round(members.Length * share);
            heldOut.AddRange(members.Take(hold));
            train.AddRange(members.Skip(hold));
        }

        return (train, heldOut);
    }
}
