using Microsoft.ML.Data;

namespace TextInsight.Classification.Scoring;

/// <summary>
/// All the heads of a model scored together: one row per feature that any head weighs, holding that
/// feature's weight in every class of every head side by side. A message's ~2,000 non-zero features then
/// cost one row lookup each and one cache line of weights, instead of a read from each of the 12 class
/// weight arrays (dense, 347k floats each) they were; and the table holds 3 MB where those held 17 MB.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class WeightTable
{
    private readonly LinearHead[][] _heads;
    private readonly int[][] _column; // [task][head] first column of the head's classes
    private readonly int[] _row;       // feature -> offset of its row in _weights, -1: no head weighs it
    private readonly float[] _weights; // rows of Width floats
    private readonly double[] _bias;

    /// <summary>Builds the table of <paramref name="heads"/> (per task, its heads) over <paramref name="dimension"/> features.</summary>
    internal WeightTable(LinearHead[][] heads, int dimension)
    {
        _heads = heads;
        _column = new int[heads.Length][];
        int width = 0;
        for (int t = 0; t < heads.Length; t++)
        {
            _column[t] = new int[heads[t].Length];
            for (int h = 0; h < heads[t].Length; h++)
            {
                _column[t][h] = width;
                width += heads[t][h].Classes;
            }
        }

        Width = width;
        _row = new int[dimension];
        Array.Fill(_row, -1);
        _bias = new double[width];
        int rows = 0;
        foreach ((LinearHead head, int column) in Columns())
        {
            for (int c = 0; c < head.Classes; c++)
            {
                _bias[column + c] = head.Bias(c);
                foreach (int feature in head.Weights(c).Features)
                {
                    if (_row[feature] < 0)
                    {
                        _row[feature] = rows++ * width;
                    }
                }
            }
        }

        _weights = new float[rows * width];
        foreach ((LinearHead head, int column) in Columns())
        {
            for (int c = 0; c < head.Classes; c++)
            {
                (int[] features, float[] weights) = head.Weights(c);
                for (int k = 0; k < features.Length; k++)
                {
                    _weights[_row[features[k]] + column + c] = weights[k];
                }
            }
        }
    }

    /// <summary>The number of classes over all heads (the length of a row).</summary>
    internal int Width { get; }

    /// <summary>The number of rows: features that some head weighs.</summary>
    internal int Rows => Width == 0 ? 0 : _weights.Length / Width;

    /// <summary>True when some head gives <paramref name="feature"/> a non-zero weight.</summary>
    internal bool Uses(int feature) => RowIndex(feature) >= 0;

    /// <summary>The row of <paramref name="feature"/> (0 .. <see cref="Rows"/> - 1), or -1 when no head weighs it.</summary>
    internal int RowIndex(int feature) => (uint)feature < (uint)_row.Length && _row[feature] >= 0 ? _row[feature] / Width : -1;

    /// <summary>Per task, its label probabilities: the softmax head's classes, or P(true) of each binary head.</summary>
    internal double[][] Predict(in VBuffer<float> x)
    {
        Span<double> scores = Width <= 64 ? stackalloc double[Width] : new double[Width];
        scores.Clear();
        ReadOnlySpan<float> values = x.GetValues();
        ReadOnlySpan<int> indices = x.IsDense ? default : x.GetIndices();
        for (int k = 0; k < values.Length; k++)
        {
            int row = _row[x.IsDense ? k : indices[k]];
            if (row < 0)
            {
                continue;
            }

            // float products summed in double, in feature order: the arithmetic ML.NET's own scoring used to match.
            ReadOnlySpan<float> w = _weights.AsSpan(row, Width);
            float v = values[k];
            for (int c = 0; c < w.Length; c++)
            {
                scores[c] += w[c] * v;
            }
        }

        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] += _bias[c]; // after the sum, as ML.NET adds it
        }

        var result = new double[_heads.Length][];
        for (int t = 0; t < _heads.Length; t++)
        {
            LinearHead[] heads = _heads[t];
            result[t] = new double[heads.Length == 1 && heads[0].Softmax ? heads[0].Classes : heads.Length];
            for (int h = 0; h < heads.Length; h++)
            {
                Span<double> own = scores.Slice(_column[t][h], heads[h].Classes);
                heads[h].ToProbabilities(own);
                own.CopyTo(result[t].AsSpan(h));
            }
        }

        return result;
    }

    /// <summary>
    /// The <paramref name="top"/> largest positive contributions <c>x_i * w_i</c> to class <paramref name="cls"/>
    /// of head <paramref name="head"/> of task <paramref name="task"/>, largest first (all positive ones when
    /// <paramref name="top"/> is int.MaxValue), among the features below <paramref name="featureLimit"/>.
    /// </summary>
    /// <remarks>
    /// Contributions equal to 1e-6 (often several n-grams of one rare phrase) are ordered by feature, so the
    /// native and ML.NET featurizers, which agree to ~1e-7, list the same cues. A partial selection: a call
    /// sees ~2,000 non-zero features and needs a handful (a full sort was ~6% of a Classify).
    /// </remarks>
    internal List<(int Feature, double Contribution)> Contributions(in VBuffer<float> x, int task, int head, int cls, int top, int featureLimit = int.MaxValue)
    {
        int column = _column[task][head] + cls;
        var best = new List<(double Key, int Feature, double Contribution)>(Math.Min(top, 256) + 1);
        ReadOnlySpan<float> values = x.GetValues();
        ReadOnlySpan<int> idx = x.IsDense ? default : x.GetIndices();
        for (int k = 0; k < values.Length; k++)
        {
            int i = x.IsDense ? k : idx[k];
            if (i >= featureLimit)
            {
                break; // indices ascend
            }

            int row = _row[i];
            double c = row < 0 ? 0 : values[k] * _weights[row + column];
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

    private IEnumerable<(LinearHead Head, int Column)> Columns()
    {
        for (int t = 0; t < _heads.Length; t++)
        {
            for (int h = 0; h < _heads[t].Length; h++)
            {
                yield return (_heads[t][h], _column[t][h]);
            }
        }
    }
}
