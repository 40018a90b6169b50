namespace TextInsight.Internal;

/// <summary>Maps a stream in parallel chunks and yields results in input order, holding one chunk at a time.</summary>
internal static class OrderedParallel
{
    internal static IEnumerable<TOut> Map<TIn, TOut>(IEnumerable<TIn> source, Func<TIn, TOut> map, int maxDegreeOfParallelism, int chunkSize = 256)
    {
        ArgumentNullException.ThrowIfNull(source);
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
