using TextInsight.Classification;

namespace TextInsight.Tests.Classification;

/// <summary>
/// Calibration fitted on predictions whose true probabilities are known: it must recover the distortion
/// and bring the calibration error down; the error measure itself is checked by hand.
/// </summary>
public sealed class ProbabilityCalibrationTests
{
    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        double[] e = [.. z.Select(v => Math.Exp(v - max))];
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    // True class probabilities softmax(z); the "model" reports softmax(2z + shift): overconfident and biased.
    private static (double[][] Reported, int[] Gold, double[][] True) Overconfident(int n, int seed)
    {
        var rng = new Random(seed);
        double[] shift = [0.0, 1.0, -0.5];
        var reported = new double[n][];
        var truth = new double[n][];
        var gold = new int[n];
        for (int i = 0; i < n; i++)
        {
            double[] z = [Normal(rng), Normal(rng), Normal(rng)];
            truth[i] = Softmax(z);
            reported[i] = Softmax([.. z.Select((v, c) => (2 * v) + shift[c])]);
            double u = rng.NextDouble(), acc = 0;
            gold[i] = 2;
            for (int c = 0; c < 3; c++)
            {
                acc += truth[i][c];
                if (u < acc)
                {
                    gold[i] = c;
                    break;
                }
            }
        }

        return (reported, gold, truth);
    }

    [Fact]
    public void A_softmax_calibration_undoes_a_known_overconfidence_and_bias()
    {
        (double[][] reported, int[] gold, double[][] truth) = Overconfident(6000, 1);
        double[] c = ProbabilityCalibration.FitSoftmax(reported, gold);

        // log p = 2z + shift - logsumexp, so the truth is softmax(0.5 log p - shift / 2): a = 0.5, b = -shift / 2 (relative to class 0).
        Assert.Equal(0.5, c[0], 0.05);
        Assert.Equal(0, c[1]);
        Assert.Equal(-0.5, c[2], 0.12);
        Assert.Equal(0.25, c[3], 0.12);

        // On fresh data from the same source: far closer to the true probabilities, and a lower calibration error.
        (double[][] fresh, int[] freshGold, double[][] freshTruth) = Overconfident(6000, 2);
        double[][] calibrated = [.. fresh.Select(p => ProbabilityCalibration.ApplySoftmax(p, c))];
        double Gap(double[][] p) => p.Select((row, i) => row.Select((v, k) => Math.Abs(v - freshTruth[i][k])).Sum()).Average();
        Assert.True(Gap(calibrated) < 0.25 * Gap(fresh), $"mean gap to the truth {Gap(calibrated):0.000} vs {Gap(fresh):0.000}");
        bool[][] oneHot = CalibrationMetrics.OneHot(freshGold, 3);
        double before = CalibrationMetrics.Measure(fresh, oneHot).ExpectedCalibrationError;
        double after = CalibrationMetrics.Measure(calibrated, oneHot).ExpectedCalibrationError;
        Assert.True(after < before / 2, $"calibration error {after:0.000} vs {before:0.000}");
        Assert.All(calibrated, p => Assert.Equal(1, p.Sum(), 1e-9));
    }

    [Fact]
    public void Platt_scaling_recovers_a_known_distortion_and_leaves_calibrated_labels_alone()
    {
        var rng = new Random(3);
        int n = 8000;
        double[] q = [.. Enumerable.Range(0, n).Select(_ => Sigmoid(1.5 * Normal(rng)))];
        bool[] gold = [.. q.Select(v => rng.NextDouble() < v)];

        // Reported σ(3·logit q + 1): then logit q = (logit p - 1) / 3, so a = 1/3 and b = -1/3.
        double[] distorted = [.. q.Select(v => Sigmoid((3 * Math.Log(v / (1 - v))) + 1))];
        double[] fit = ProbabilityCalibration.FitBinary(distorted, gold);
        Assert.Equal(1.0 / 3, fit[0], 0.04);
        Assert.Equal(-1.0 / 3, fit[1], 0.1);
        Assert.Equal(q[7], ProbabilityCalibration.ApplyBinary(distorted[7], fit[0], fit[1]), 0.05);

        double[] identity = ProbabilityCalibration.FitBinary(q, gold);
        Assert.Equal(1, identity[0], 0.08);
        Assert.Equal(0, identity[1], 0.08);
    }

    [Fact]
    public void Tasks_without_calibration_are_reported_as_they_are()
    {
        double[][] raw = [[0.2, 0.8], [0.7, 0.1, 0.2]];
        double[][] result = ProbabilityCalibration.Apply(raw, [true, false], [[], [1, 0, 0, 0]]);
        Assert.Same(raw[0], result[0]);
        Assert.Equal(raw[1], result[1], (a, b) => Math.Abs(a - b) < 1e-12); // a = 1, b = 0 is the identity
    }

    [Fact]
    public void The_calibration_error_and_brier_score_match_a_hand_computation()
    {
        // Bin 9 holds 0.95 twice, one true: |1.9 - 1| / 3; bin 1 holds 0.15, false: 0.15 / 3.
        CalibrationMetrics m = CalibrationMetrics.Measure([[0.95], [0.95], [0.15]], [[true], [false], [false]]);
        Assert.Equal((0.9 + 0.15) / 3, m.ExpectedCalibrationError, 1e-12);
        Assert.Equal(((0.05 * 0.05) + (0.95 * 0.95) + (0.15 * 0.15)) / 3, m.BrierScore, 1e-12);

        // Per message, the Brier score sums over labels.
        CalibrationMetrics two = CalibrationMetrics.Measure([[0.5, 0.5]], [[true, false]]);
        Assert.Equal(0.5, two.BrierScore, 1e-12);
        Assert.Equal(0, two.ExpectedCalibrationError, 1e-12); // one bin: mean p 0.5, half true
    }
}
