namespace TextInsight.Batching;

/// <summary>
/// Maps a stream in parallel chunks and yields the results in input order, holding one chunk at a time: what
/// <c>ClassifyBatch</c> runs on, for pipelines that carry more than a message through classification (an id, the
/// record's other fields, a parse error kept in place so every input row yields an output row).
/// </summary>
/// <example>
/// <code>
/// var classifier = FeedbackClassifier.LoadDefault();
/// foreach ((string Id, FeedbackResult Result) r in OrderedParallel.Map(records, rec =&gt; (rec.Id, classifier.Classify(rec.Title, rec.Text)), 0))
/// {
///     Console.WriteLine($"{r.Id}	{r.Result.Urgency}");
/// }
/// </code>
/// </example>
public static class OrderedParallel
{
    /// <summary>Applies <paramref name="map"/> to every item, in parallel within each chunk, and streams the results in input order.</summary>
    /// <typeparam name="TIn">The item type.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="source">The items; enumerated once, lazily, a chunk at a time (so memory is bounded for any length).</param>
    /// <param name="map">The work per item; called from several threads at once, so it must be thread-safe.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 or less means one per core.</param>
    /// <param name="chunkSize">Items read ahead and mapped together (at least 1).</param>
    /// <returns>One result per item, in input order. An exception thrown by <paramref name="map"/> ends the enumeration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is less than 1.</exception>
    public static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int maxDegreeOfParallelism, int chunkSize = 256)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        int dop = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        return Iterate();

        IEnumerable<TOut> Iterate()
        {
            var chunk = new List<TIn>(chunkSize);
            var results = new TOut[chunkSize];
            using IEnumerator<TIn> e = source.GetEnumerator();
            while (true)
            {
                chunk.Clear();
                while (chunk.Count < chunkSize && e.MoveNext())
                {
                    chunk.Add(e.Current);
                }

                if (chunk.Count == 0)
                {
                    yield break;
                }

                if (dop == 1)
                {
                    for (int i = 0; i < chunk.Count; i++)
                    {
                        results[i] = map(chunk[i]);
                    }
                }
                else
                {
                    Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = dop }, i => results[i] = map(chunk[i]));
                }

                for (int i = 0; i < chunk.Count; i++)
                {
                    yield return results[i];
                }
            }
        }
    }
}
