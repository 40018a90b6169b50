using CsCheck;
using Microsoft.ML.Data;
using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Features;

namespace TextInsight.Tests.Classification;

/// <summary>
/// The weight table scores all heads of a model at once from sparse weights; it must give exactly what
/// the textbook formulas give on dense weights (the arithmetic the shipped model's metrics were measured with).
/// </summary>
public sealed class WeightTableTests
{
    private const int Dimension = 60;

    // Sparse weights (most zero, as L1 leaves them), per class of a head.
    private static readonly Gen<float[]> s_weights = Gen.Frequency(
        (3, Gen.Const(0f)),
        (1, Gen.Float[-3f, 3f])).Array[Dimension];

    private static readonly Gen<LinearHead> s_softmax = Gen.Select(s_weights.Array[2, 5], Gen.Float[-1f, 1f])
        .Select((w, b) => new LinearHead(true, w, [.. w.Select((_, c) => b * c)], 0, 0));

    private static readonly Gen<LinearHead> s_binary = Gen.Select(s_weights, Gen.Float[-1f, 1f], Gen.Float[-2f, -0.1f], Gen.Float[-1f, 1f])
        .Select((w, b, slope, offset) => new LinearHead(false, [w], [b], slope, offset));

    // A model's tasks: a softmax task, a multi-label task of binary heads, another softmax task.
    private static readonly Gen<LinearHead[][]> s_model = Gen.Select(s_softmax, s_binary.Array[1, 4], s_softmax)
        .Select((a, b, c) => new[] { new[] { a }, b, new[] { c } });

    private static readonly Gen<VBuffer<float>> s_features = Gen.Int[0, Dimension - 1].Array[0, 25]
        .SelectMany(idx => Gen.Float[0f, 1f].Array[idx.Distinct().Count()].Select(v => (idx.Distinct().Order().ToArray(), v)))
        .Select(x => new VBuffer<float>(Dimension, x.Item1.Length, x.v, x.Item1));

    [Fact]
    public void Probabilities_equal_the_dense_formulas_exactly()
    {
        Gen.Select(s_model, s_features).Sample((heads, x) =>
        {
            double[][] got = new WeightTable(heads, Dimension).Predict(x);
            Assert.Equal(heads.Length, got.Length);
            for (int t = 0; t < heads.Length; t++)
            {
                Assert.Equal(Dense(heads[t], x), got[t]);
            }
        }, iter: 300);
    }

    [Fact]
    public void Contributions_are_the_positive_products_largest_first()
    {
        Gen.Select(s_model, s_features, Gen.Int[1, 6]).Sample((heads, x, top) =>
        {
            var table = new WeightTable(heads, Dimension);
            for (int t = 0; t < heads.Length; t++)
            {
                for (int h = 0; h < heads[t].Length; h++)
                {
                    for (int c = 0; c < heads[t][h].Classes; c++)
                    {
                        float[] w = DenseWeights(heads[t][h], c);
                        List<(int, double)> all = Enumerable.Range(0, x.GetValues().Length)
                            .Select(k => (x.GetIndices()[k], (double)(x.GetValues()[k] * w[x.GetIndices()[k]])))
                            .Where(p => p.Item2 > 0)
                            .OrderByDescending(p => Math.Round(p.Item2, 6)).ThenBy(p => p.Item1).ToList();
                        Assert.Equal(all, table.Contributions(x, t, h, c, int.MaxValue));
                        Assert.Equal(all.Take(top), table.Contributions(x, t, h, c, top));
                    }
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void A_feature_is_used_exactly_when_some_class_weighs_it()
    {
        s_model.Sample(heads =>
        {
            var table = new WeightTable(heads, Dimension);
            for (int i = 0; i < Dimension; i++)
            {
                bool weighed = heads.SelectMany(t => t).Any(h => Enumerable.Range(0, h.Classes).Any(c => DenseWeights(h, c)[i] != 0));
                Assert.Equal(weighed, table.Uses(i));
            }
        }, iter: 100);
    }

    [Fact]
    public void A_head_written_and_read_back_scores_the_same_and_a_disordered_one_is_rejected()
    {
        Gen.Select(s_model, s_features).Sample((heads, x) =>
        {
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                foreach (LinearHead head in heads.SelectMany(t => t))
                {
                    head.Write(w);
                }
            }

            ms.Position = 0;
            using var r = new BinaryReader(ms);
            LinearHead[][] read = [.. heads.Select(t => t.Select(_ => LinearHead.Read(r, Dimension)).ToArray())];
            Assert.Equal(new WeightTable(heads, Dimension).Predict(x), new WeightTable(read, Dimension).Predict(x));
        }, iter: 50);

        // Two weights, the second listed before the first: a hand-edited or corrupt file.
        using var bad = new MemoryStream();
        using (var w = new BinaryWriter(bad, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(false);
            w.Write(1);
            w.Write(Dimension);
            w.Write(1f);
            w.Write(0f);
            w.Write(0f);
            w.Write(2);
            w.Write(7);
            w.Write(0.5f);
            w.Write(3);
            w.Write(0.5f);
        }

        bad.Position = 0;
        Assert.Throws<InvalidDataException>(() => LinearHead.Read(new BinaryReader(bad), Dimension));
    }

    private static float[] DenseWeights(LinearHead head, int cls)
    {
        var w = new float[Dimension];
        (int[] features, float[] weights) = head.Weights(cls);
        for (int k = 0; k < features.Length; k++)
        {
            w[features[k]] = weights[k];
        }

        return w;
    }

    // What ML.NET computes: w·x summed in double over the features in order, plus the bias; then a
    // softmax over classes, or Platt's sigmoid for one binary head per label.
    private static double[] Dense(LinearHead[] heads, VBuffer<float> x)
    {
        double Score(LinearHead head, int c)
        {
            float[] w = DenseWeights(head, c);
            double s = 0;
            for (int k = 0; k < x.GetValues().Length; k++)
            {
                s += w[x.GetIndices()[k]] * x.GetValues()[k];
            }

            return s + head.Bias(c);
        }

        if (heads is [{ Softmax: true } softmax])
        {
            double[] z = [.. Enumerable.Range(0, softmax.Classes).Select(c => Score(softmax, c))];
            double max = z.Max();
            double[] e = [.. z.Select(v => Math.Exp(v - max))];
            double sum = 0;
            foreach (double v in e)
            {
                sum += v;
            }

            return [.. e.Select(v => v / sum)];
        }

        return [.. heads.Select(h => 1.0 / (1.0 + Math.Exp((h.Slope * Score(h, 0)) + h.Offset)))];
    }
}
