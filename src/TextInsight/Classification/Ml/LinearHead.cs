using Microsoft.ML.Data;

namespace TextInsight.Classification.Ml;

/// <summary>
/// The parameters of a trained ML.NET linear model, scored directly: either one calibrated binary
/// classifier (<c>p = 1 / (1 + exp(slope * (w·x + b) + offset))</c>, ML.NET's Platt calibration) or a
/// softmax over classes (maximum entropy). Immutable and thread-safe.
/// </summary>
internal sealed class LinearHead
{
    private readonly float[][] _weights; // [class][feature], dense
    private readonly float[] _bias;

    internal LinearHead(bool softmax, float[][] weights, float[] bias, float slope, float offset)
    {
        Softmax = softmax;
        _weights = weights;
        _bias = bias;
        Slope = slope;
        Offset = offset;
    }

    /// <summary>True for a multiclass softmax head; false for one calibrated binary classifier.</summary>
    internal bool Softmax { get; }

    internal float Slope { get; }

    internal float Offset { get; }

    internal int Classes => _weights.Length;

    internal int Dimension => _weights[0].Length;

    /// <summary>True when some class gives <paramref name="feature"/> a non-zero weight (L1 zeroes most).</summary>
    internal bool Uses(int feature)
    {
        foreach (float[] w in _weights)
        {
            if (w[feature] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A task's probabilities: its softmax head's per-class values, or P(true) of each of its binary heads.</summary>
    internal static double[] PredictTask(LinearHead[] heads, in VBuffer<float> x)
    {
        if (heads.Length == 1 && heads[0].Softmax)
        {
            return heads[0].Predict(x);
        }

        var p = new double[heads.Length];
        for (int i = 0; i < heads.Length; i++)
        {
            p[i] = heads[i].Predict(x)[0];
        }

        return p;
    }

    /// <summary>Per-class probabilities (one value for a binary head: P(true)).</summary>
    internal double[] Predict(in VBuffer<float> x)
    {
        var scores = new double[_weights.Length];
        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] = Dot(_weights[c], x) + _bias[c];
        }

        if (!Softmax)
        {
            scores[0] = 1.0 / (1.0 + Math.Exp((Slope * scores[0]) + Offset));
            return scores;
        }

        double max = scores.Max();
        double sum = 0;
        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] = Math.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }

        return scores;
    }

    /// <summary>
    /// The <paramref name="top"/> largest positive contributions <c>x_i * w_i</c> to class <paramref name="cls"/>,
    /// largest first (all positive ones when <paramref name="top"/> is int.MaxValue).
    /// </summary>
    /// <remarks>
    /// Contributions equal to 1e-6 (often several n-grams of one rare phrase) are ordered by feature, so the
    /// native and ML.NET featurizers, which agree to ~1e-7, list the same cues. A partial selection: a call
    /// sees ~2,000 non-zero features and needs a handful (a full sort was ~6% of a Classify).
    /// </remarks>
    internal List<(int Feature, double Contribution)> Contributions(in VBuffer<float> x, int cls, int top)
    {
        float[] w = _weights[cls];
        var best = new List<(double Key, int Feature, double Contribution)>(Math.Min(top, 256) + 1);
        ReadOnlySpan<float> values = x.GetValues();
        ReadOnlySpan<int> idx = x.IsDense ? default : x.GetIndices();
        for (int k = 0; k < values.Length; k++)
        {
            int i = x.IsDense ? k : idx[k];
            double c = values[k] * w[i];
            if (c <= 0)
            {
                continue;
            }

            double key = Math.Round(c, 6);
            if (top == int.MaxValue)
            {
                best.Add((key, i, c)); // everything: sorted once below
                continue;
            }

            if (best.Count == top && !Before(key, i, best[^1]))
            {
                continue;
            }

            // Insertion into the short sorted list (binary search for the place).
            int lo = 0, hi = best.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (Before(key, i, best[mid]))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            best.Insert(lo, (key, i, c));
            if (best.Count > top)
            {
                best.RemoveAt(best.Count - 1);
            }
        }

        if (top == int.MaxValue)
        {
            best.Sort((a, b) => Before(a.Key, a.Feature, b) ? -1 : Before(b.Key, b.Feature, a) ? 1 : 0);
        }

        return best.ConvertAll(b => (b.Feature, b.Contribution));

        static bool Before(double key, int feature, (double Key, int Feature, double Contribution) other) =>
            key > other.Key || (key == other.Key && feature < other.Feature);
    }

    private static double Dot(float[] w, in VBuffer<float> x)
    {
        ReadOnlySpan<float> values = x.GetValues();
        double s = 0;
        if (x.IsDense)
        {
            for (int i = 0; i < values.Length; i++)
            {
                s += w[i] * values[i];
            }

            return s;
        }

        ReadOnlySpan<int> idx = x.GetIndices();
        for (int k = 0; k < idx.Length; k++)
        {
            s += w[idx[k]] * values[k];
        }

        return s;
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
            float[] weights = _weights[c];
            int nnz = weights.Count(v => v != 0);
            w.Write(nnz);
            for (int i = 0; i < weights.Length; i++)
            {
                if (weights[i] != 0)
                {
                    w.Write(i);
                    w.Write(weights[i]);
                }
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
        var weights = new float[classes][];
        var bias = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            bias[c] = r.ReadSingle();
            int nnz = r.ReadInt32();
            if (nnz < 0 || nnz > dim)
            {
                throw new InvalidDataException($"a head lists {nnz} weights for {dim} features");
            }

            weights[c] = new float[dim];
            for (int k = 0; k < nnz; k++)
            {
                int i = r.ReadInt32();
                if ((uint)i >= (uint)dim)
                {
                    throw new InvalidDataException($"a weight index {i} is outside 0..{dim - 1}");
                }

                weights[c][i] = r.ReadSingle();
            }
        }

        return new LinearHead(softmax, weights, bias, slope, offset);
    }
}
