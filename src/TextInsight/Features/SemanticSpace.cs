using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML.Data;

namespace TextInsight.Features;

/// <summary>
/// A latent semantic space (LSA) learned without labels: the leading right singular vectors of the
/// message × word matrix (sublinear TF-IDF, rows L2-normalised) of many messages. A message's
/// coordinates are its TF-IDF vector projected onto them, L2-normalised. Words that occur in similar
/// messages get similar coordinates, so a classifier trained on a few thousand labelled messages can
/// use what ten thousand unlabelled ones say about which words go together.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class SemanticSpace
{
    private const int FormatVersion = 1;

    private readonly Dictionary<string, int> _terms;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly float[] _idf;

    // Term-major: term t's coordinates are _basis[t*Dimensions .. (t+1)*Dimensions]. Half precision halves
    // the memory and the package (20k words × 256 = 10 MB); training uses the same rounded numbers.
    private readonly Half[] _basis;

    // Per-thread scratch of Project and Weighted, so scoring a message allocates nothing here.
    [ThreadStatic]
    private static Scratch? t_scratch;

    private SemanticSpace(Dictionary<string, int> terms, float[] idf, Half[] basis, int dimensions, float weight)
    {
        _terms = terms;
        _termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _idf = idf;
        _basis = basis;
        Dimensions = dimensions;
        Weight = weight;
    }

    /// <summary>Coordinates per message.</summary>
    internal int Dimensions { get; }

    /// <summary>Length of a message's coordinate vector (its L2 norm), relative to the n-gram blocks' 1.</summary>
    internal float Weight { get; }

    /// <summary>Messages the space was learned from (0 when read from a file).</summary>
    internal int Documents { get; private init; }

    /// <summary>Words the space knows.</summary>
    internal int TermCount => _idf.Length;

    /// <summary>
    /// Learns a space from messages' space-separated tokens (<see cref="FeatureRow.Words"/>): words in at
    /// least <paramref name="minDocuments"/> messages, the <paramref name="maxTerms"/> most widespread of
    /// them, and a randomized truncated SVD (Halko, Martinsson and Tropp 2011) seeded by <paramref name="seed"/>.
    /// </summary>
    /// <returns>The space, or null when the messages hold too few words for <paramref name="dimensions"/> coordinates.</returns>
    internal static SemanticSpace? Build(IReadOnlyList<string> documents, int dimensions, float weight, int maxTerms, int minDocuments, int seed)
    {
        // Vocabulary by document frequency.
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string doc in documents)
        {
            seen.Clear();
            foreach (string token in Tokens(doc))
            {
                if (seen.Add(token))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(df, token, out _)++;
                }
            }
        }

        string[] vocabulary = df.Where(kv => kv.Value >= minDocuments)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(maxTerms).Select(kv => kv.Key).ToArray();
        int oversampled = dimensions + 10;
        if (vocabulary.Length < oversampled || documents.Count < oversampled)
        {
            return null;
        }

        var terms = new Dictionary<string, int>(vocabulary.Length, StringComparer.Ordinal);
        var idf = new float[vocabulary.Length];
        for (int t = 0; t < vocabulary.Length; t++)
        {
            terms[vocabulary[t]] = t;
            idf[t] = (float)Math.Log((1.0 + documents.Count) / (1.0 + df[vocabulary[t]])) + 1f;
        }

        var space = new SemanticSpace(terms, idf, [], 0, 0);
        Matrix<double> basis = TruncatedSvdBasis(space.Rows(documents), dimensions, oversampled, seed);
        var flat = new Half[vocabulary.Length * dimensions];
        for (int t = 0; t < vocabulary.Length; t++)
        {
            for (int k = 0; k < dimensions; k++)
            {
                flat[(t * dimensions) + k] = (Half)basis[t, k];
            }
        }

        return new SemanticSpace(terms, idf, flat, dimensions, weight) { Documents = documents.Count };
    }

    /// <summary>Writes the message's coordinates into <paramref name="destination"/> (all zero when it has no known word).</summary>
    internal void Project(string words, Span<float> destination)
    {
        destination = destination[..Dimensions];
        destination.Clear();
        Span<float> row = stackalloc float[Dimensions];
        // The message vector's own norm is irrelevant: the result is normalised.
        Scratch scratch = t_scratch ??= new Scratch();
        List<int> terms = scratch.Terms;
        List<double> weights = scratch.Weights;
        terms.Clear();
        weights.Clear();
        Weighted(words, terms, weights);
        const int ahead = 4; // rows requested before their turn (2: 17 us a message, 4: 16 us, none: 24 us)
        for (int i = 0; i < Math.Min(ahead, terms.Count); i++)
        {
            Prefetch(terms[i]);
        }

        for (int i = 0; i < terms.Count; i++)
        {
            if (i + ahead < terms.Count)
            {
                Prefetch(terms[i + ahead]);
            }

            System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(_basis.AsSpan(terms[i] * Dimensions, Dimensions), row);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, (float)weights[i], destination, destination);
        }

        float norm = System.Numerics.Tensors.TensorPrimitives.Norm(destination);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(destination, Weight / norm, destination);
        }
    }

    // Asks for a word's row ahead of its use: rows are 512 bytes scattered over 10 MB, so each is a cache miss.
    private unsafe void Prefetch(int term)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            fixed (Half* p = &_basis[term * Dimensions])
            {
                for (int b = 0; b < Dimensions * sizeof(Half); b += 64)
                {
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0((byte*)p + b);
                }
            }
        }
    }

    /// <summary><paramref name="features"/> followed by the message's coordinates (a longer sparse vector).</summary>
    internal VBuffer<float> Append(in VBuffer<float> features, string words)
    {
        ReadOnlySpan<int> indices = features.GetIndices();
        ReadOnlySpan<float> values = features.GetValues();
        int count = features.IsDense ? features.Length : indices.Length;
        var newValues = new float[count + Dimensions];
        var newIndices = new int[count + Dimensions];
        values.CopyTo(newValues);
        if (features.IsDense)
        {
            for (int i = 0; i < count; i++)
            {
                newIndices[i] = i;
            }
        }
        else
        {
            indices.CopyTo(newIndices);
        }

        Project(words, newValues.AsSpan(count));
        for (int k = 0; k < Dimensions; k++)
        {
            newIndices[count + k] = features.Length + k;
        }

        return new VBuffer<float>(features.Length + Dimensions, newValues.Length, newValues, newIndices);
    }

    /// <summary>Writes the space: version, dimensions, weight, word count, each word with its IDF, then every coordinate (halves, word-major).</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(FormatVersion);
        w.Write(Dimensions);
        w.Write(Weight);
        w.Write(_idf.Length);
        string[] byId = new string[_idf.Length];
        foreach ((string term, int id) in _terms)
        {
            byId[id] = term;
        }

        for (int t = 0; t < byId.Length; t++)
        {
            w.Write(byId[t]);
            w.Write(_idf[t]);
        }

        w.Write(MemoryMarshal.AsBytes(_basis.AsSpan()));
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Unknown version, impossible sizes, duplicate words or non-finite numbers.</exception>
    /// <exception cref="EndOfStreamException">The data ends early.</exception>
    internal static SemanticSpace Read(BinaryReader r)
    {
        int version = r.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"semantic space version {version}, expected {FormatVersion}");
        }

        int dimensions = r.ReadInt32();
        float weight = r.ReadSingle();
        int count = r.ReadInt32();
        if (!float.IsFinite(weight) || weight <= 0 || dimensions is < 1 or > 1024 || count < 1 || count > 10_000_000 || (long)count * dimensions > 100_000_000)
        {
            throw new InvalidDataException($"impossible semantic space size: {count} words × {dimensions}");
        }

        var terms = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var idf = new float[count];
        for (int t = 0; t < count; t++)
        {
            if (!terms.TryAdd(r.ReadString(), t))
            {
                throw new InvalidDataException("a word appears twice in the semantic space");
            }

            idf[t] = r.ReadSingle();
        }

        // One block read: the coordinates are the bulk of the file (10 MB for the default model).
        var basis = new Half[count * dimensions];
        Span<byte> bytes = MemoryMarshal.AsBytes(basis.AsSpan());
        if (r.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length)
        {
            throw new EndOfStreamException("the semantic space's coordinates are cut short");
        }

        if (!float.IsFinite(System.Numerics.Tensors.TensorPrimitives.Sum<float>(idf)) || !AllFinite(basis))
        {
            throw new InvalidDataException("the semantic space holds a non-finite number");
        }

        return new SemanticSpace(terms, idf, basis, dimensions, weight);
    }

    // A half is infinite or NaN when its five exponent bits are all set; checked 16 at a time (5 M values at load).
    private static bool AllFinite(Half[] values)
    {
        ReadOnlySpan<ushort> bits = MemoryMarshal.Cast<Half, ushort>(values);
        const ushort exponent = 0x7C00;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(exponent);
            for (; i + Vector256<ushort>.Count <= bits.Length; i += Vector256<ushort>.Count)
            {
                if (Vector256.EqualsAny(Vector256.Create(bits.Slice(i, Vector256<ushort>.Count)) & mask, mask))
                {
                    return false;
                }
            }
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & exponent) == exponent)
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Tokens(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Appends the message's known words (in order of first occurrence) and their sublinear TF-IDF weights, (1 + ln tf) × idf.</summary>
    private void Weighted(string words, List<int> terms, List<double> weights)
    {
        // Counts in a per-thread array indexed by word id, cleared again below: no sort, no allocation.
        Scratch scratch = t_scratch ??= new Scratch();
        if (scratch.Counts.Length < _idf.Length)
        {
            scratch.Counts = new int[_idf.Length];
        }

        int[] counts = scratch.Counts;
        int first = terms.Count;
        foreach (Range r in words.AsSpan().Split(' '))
        {
            if (_termLookup.TryGetValue(words.AsSpan(r), out int id) && counts[id]++ == 0)
            {
                terms.Add(id);
            }
        }

        for (int i = first; i < terms.Count; i++)
        {
            int term = terms[i];
            weights.Add((1 + Math.Log(counts[term])) * _idf[term]);
            counts[term] = 0;
        }
    }

    /// <summary>The basis as a words × dimensions matrix.</summary>
    internal Matrix<double> Basis() => Matrix<double>.Build.Dense(TermCount, Dimensions, (t, k) => (double)_basis[(t * Dimensions) + k]);

    /// <summary>Sparse rows: each message's sublinear TF-IDF over the vocabulary, L2-normalised.</summary>
    internal Matrix<double> DocumentTermMatrix(IReadOnlyList<string> documents)
    {
        SparseRows a = Rows(documents);
        var entries = new List<Tuple<int, int, double>>();
        for (int d = 0; d < a.RowCount; d++)
        {
            for (int e = a.Start[d]; e < a.Start[d + 1]; e++)
            {
                entries.Add(Tuple.Create(d, a.Columns[e], a.Values[e]));
            }
        }

        return Matrix<double>.Build.SparseOfIndexed(a.RowCount, a.ColumnCount, entries);
    }

    private SparseRows Rows(IReadOnlyList<string> documents)
    {
        var start = new int[documents.Count + 1];
        var columns = new List<int>();
        var values = new List<double>();
        for (int d = 0; d < documents.Count; d++)
        {
            int first = columns.Count;
            Weighted(documents[d], columns, values);
            double sumSquares = 0;
            for (int e = first; e < values.Count; e++)
            {
                sumSquares += values[e] * values[e];
            }

            double norm = Math.Sqrt(sumSquares);
            for (int e = first; e < values.Count; e++)
            {
                values[e] /= norm;
            }

            start[d + 1] = columns.Count;
        }

        return new SparseRows(start, [.. columns], [.. values], _idf.Length);
    }

    /// <summary>The leading <paramref name="k"/> right singular vectors of <paramref name="a"/> (columns of a terms × k matrix).</summary>
    private static Matrix<double> TruncatedSvdBasis(SparseRows a, int k, int oversampled, int seed)
    {
        // Range finder with power iterations: Q spans (A Aᵀ)^q A Ω, re-orthonormalised each step for accuracy.
        var random = new Random(seed);
        Matrix<double> omega = Matrix<double>.Build.Dense(a.ColumnCount, oversampled,
            (_, _) => MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1));
        Matrix<double> q = Orthonormal(a.Times(omega));
        for (int iteration = 0; iteration < 4; iteration++)
        {
            Matrix<double> z = Orthonormal(a.TransposeTimes(q));
            q = Orthonormal(a.Times(z));
        }

        // B = Qᵀ A is small (l × terms); its right singular vectors come from the eigenvectors of B Bᵀ.
        Matrix<double> bt = a.TransposeTimes(q); // Bᵀ
        MathNet.Numerics.LinearAlgebra.Factorization.Evd<double> evd = bt.TransposeThisAndMultiply(bt).Evd(Symmetricity.Symmetric);
        int[] order = Enumerable.Range(0, oversampled).OrderByDescending(i => evd.EigenValues[i].Real).Take(k).ToArray();
        Matrix<double> basis = Matrix<double>.Build.Dense(a.ColumnCount, k);
        for (int c = 0; c < k; c++)
        {
            double sigma = Math.Sqrt(Math.Max(evd.EigenValues[order[c]].Real, 1e-12));
            basis.SetColumn(c, bt * evd.EigenVectors.Column(order[c]) / sigma);
        }

        return basis;
    }

    /// <summary>
    /// Compressed sparse rows with the two products the SVD needs. MathNet's sparse × dense products
    /// went through element access (minutes for 14k × 20k); these loops take well under a second.
    /// </summary>
    private sealed record SparseRows(int[] Start, int[] Columns, double[] Values, int ColumnCount)
    {
        internal int RowCount => Start.Length - 1;

        /// <summary>A × M for a dense M (columns × l).</summary>
        internal Matrix<double> Times(Matrix<double> m)
        {
            int l = m.ColumnCount;
            double[] mRows = m.ToRowMajorArray();
            var result = new double[RowCount * l];
            for (int i = 0; i < RowCount; i++)
            {
                Span<double> target = result.AsSpan(i * l, l);
                for (int e = Start[i]; e < Start[i + 1]; e++)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(mRows.AsSpan(Columns[e] * l, l), Values[e], target, target);
                }
            }

            return Matrix<double>.Build.DenseOfRowMajor(RowCount, l, result);
        }

        /// <summary>Aᵀ × M for a dense M (rows × l).</summary>
        internal Matrix<double> TransposeTimes(Matrix<double> m)
        {
            int l = m.ColumnCount;
            double[] mRows = m.ToRowMajorArray();
            var result = new double[ColumnCount * l];
            for (int i = 0; i < RowCount; i++)
            {
                ReadOnlySpan<double> source = mRows.AsSpan(i * l, l);
                for (int e = Start[i]; e < Start[i + 1]; e++)
                {
                    Span<double> target = result.AsSpan(Columns[e] * l, l);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(source, Values[e], target, target);
                }
            }

            return Matrix<double>.Build.DenseOfRowMajor(ColumnCount, l, result);
        }
    }

    private sealed class Scratch
    {
        internal int[] Counts { get; set; } = [];

        internal List<int> Terms { get; } = [];

        internal List<double> Weights { get; } = [];
    }

    private static Matrix<double> Orthonormal(Matrix<double> m) =>
        m.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
}
