namespace TextInsight.Classification.Scoring;

/// <summary>
/// The parameters of a trained ML.NET linear model: either one calibrated binary classifier
/// (<c>p = 1 / (1 + exp(slope * (w·x + b) + offset))</c>, ML.NET's Platt calibration) or a softmax over
/// classes (maximum entropy). Weights are kept sparse (L1 zeroes ~90% of them); a model scores all its
/// heads at once through a <see cref="WeightTable"/>. Immutable and thread-safe.
/// </summary>
internal sealed class LinearHead
{
    private readonly int[][] _index;   // [class] features with a non-zero weight, ascending
    private readonly float[][] _weight; // [class] their weights
    private readonly float[] _bias;

    /// <summary>A head from dense per-class weights (as ML.NET's trainers give them).</summary>
    internal LinearHead(bool softmax, float[][] weights, float[] bias, float slope, float offset)
        : this(softmax, weights[0].Length, bias, slope, offset,
            [.. weights.Select(w => Enumerable.Range(0, w.Length).Where(i => w[i] != 0).ToArray())],
            [.. weights.Select(w => w.Where(v => v != 0).ToArray())])
    {
    }

    private LinearHead(bool softmax, int dimension, float[] bias, float slope, float offset, int[][] index, float[][] weight)
    {
        Softmax = softmax;
        Dimension = dimension;
        _bias = bias;
        Slope = slope;
        Offset = offset;
        _index = index;
        _weight = weight;
    }

    /// <summary>True for a multiclass softmax head; false for one calibrated binary classifier.</summary>
    internal bool Softmax { get; }

    internal float Slope { get; }

    internal float Offset { get; }

    internal int Classes => _bias.Length;

    internal int Dimension { get; }

    internal float Bias(int cls) => _bias[cls];

    /// <summary>Class <paramref name="cls"/>'s non-zero weights, by ascending feature.</summary>
    internal (int[] Features, float[] Weights) Weights(int cls) => (_index[cls], _weight[cls]);

    /// <summary>
    /// Turns this head's linear scores (w·x + b per class) into probabilities in place: softmax, or
    /// for a binary head P(true) from the calibrator.
    /// </summary>
    internal void ToProbabilities(Span<double> scores)
    {
        if (!Softmax)
        {
            scores[0] = 1.0 / (1.0 + Math.Exp((Slope * scores[0]) + Offset));
            return;
        }

        SoftmaxMath.InPlace(scores);
    }

    /// <summary>Writes the head: a header, then per class its bias and non-zero weights (index, value).</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(Softmax);
        w.Write(Classes);
        w.Write(Dimension);
        w.Write(Slope);
        w.Write(Offset);
        for (int c = 0; c < Classes; c++)
        {
            w.Write(_bias[c]);
            w.Write(_index[c].Length);
            for (int k = 0; k < _index[c].Length; k++)
            {
                w.Write(_index[c][k]);
                w.Write(_weight[c][k]);
            }
        }
    }

    /// <exception cref="InvalidDataException">The data is truncated or inconsistent.</exception>
    internal static LinearHead Read(BinaryReader r, int expectedDimension)
    {
        bool softmax = r.ReadBoolean();
        int classes = r.ReadInt32();
        int dim = r.ReadInt32();
        if (classes is < 1 or > 10_000 || dim != expectedDimension)
        {
            throw new InvalidDataException($"a head has {classes} classes over {dim} features; the featurizer produces {expectedDimension}");
        }

        float slope = r.ReadSingle(), offset = r.ReadSingle();
        var index = new int[classes][];
        var weight = new float[classes][];
        var bias = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            bias[c] = r.ReadSingle();
            int nnz = r.ReadInt32();
            if (nnz < 0 || nnz > dim)
            {
                throw new InvalidDataException($"a head lists {nnz} weights for {dim} features");
            }

            index[c] = new int[nnz];
            weight[c] = new float[nnz];
            for (int k = 0; k < nnz; k++)
            {
                int i = r.ReadInt32();
                if ((uint)i >= (uint)dim || (k > 0 && i <= index[c][k - 1]))
                {
                    throw new InvalidDataException($"weight index {i} is outside 0..{dim - 1} or out of order");
                }

                index[c][k] = i;
                weight[c][k] = r.ReadSingle();
            }
        }

        return new LinearHead(softmax, dim, bias, slope, offset, index, weight);
    }
}
