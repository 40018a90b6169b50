using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace TextInsight.Classification;

/// <summary>
/// Makes a model's probabilities mean what they say. The heads are trained with class weights and score
/// their own training data, so their raw probabilities overstate rare classes and their own certainty.
/// A task's calibration rescales its log-probabilities and shifts each class, <c>q = softmax(a·log p + b)</c>
/// (for a binary label: <c>q = σ(a·logit p + b)</c>, Platt scaling), with (a, b) fitted by maximum likelihood
/// (MathNet's BFGS) on out-of-fold predictions. Decisions still use the raw probabilities and their tuned
/// offsets and thresholds; only the probabilities reported to the caller are calibrated.
/// </summary>
internal static class ProbabilityCalibration
{
    // Raw probabilities are clamped here before taking logs, so a 0 or 1 from a head stays finite.
    private const double Floor = 1e-9;

    // A little L2 on the parameters' distance from the identity (a = 1, b = 0): a class that is never or
    // always right in the folds would otherwise drive its shift to infinity.
    private const double Ridge = 1e-3;

    /// <summary>Fits a softmax task's calibration: returns [a, b_0 .. b_{K-1}] (b_0 = 0).</summary>
    /// <param name="p">Out-of-fold probabilities, one row per example (K columns).</param>
    /// <param name="gold">The true class of each example.</param>
    internal static double[] FitSoftmax(double[][] p, int[] gold)
    {
        int n = p.Length, k = p.Length == 0 ? 0 : p[0].Length;
        if (n == 0 || k < 2)
        {
            return Identity(k);
        }

        double[][] s = [.. p.Select(row => row.Select(v => Math.Log(Math.Clamp(v, Floor, 1))).ToArray())];

        // Parameters: x[0] = a, x[c] = b_c for c = 1..K-1 (b_0 fixed at 0).
        (double, Vector<double>) Objective(Vector<double> x)
        {
            var grad = new double[k];
            double nll = 0;
            var z = new double[k];
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    z[c] = (x[0] * s[i][c]) + (c == 0 ? 0 : x[c]);
                    max = Math.Max(max, z[c]);
                }

                double sum = 0;
                for (int c = 0; c < k; c++)
                {
                    sum += Math.Exp(z[c] - max);
                }

                nll -= z[gold[i]] - max - Math.Log(sum);
                for (int c = 0; c < k; c++)
                {
                    double q = Math.Exp(z[c] - max) / sum, err = q - (c == gold[i] ? 1 : 0);
                    grad[0] += err * s[i][c];
                    if (c > 0)
                    {
                        grad[c] += err;
                    }
                }
            }

            for (int j = 0; j < k; j++)
            {
                double d = x[j] - (j == 0 ? 1 : 0);
                nll += Ridge * n * d * d / 2;
                grad[j] += Ridge * n * d;
            }

            return (nll / n, Vector<double>.Build.Dense(grad) / n);
        }

        Vector<double> start = Vector<double>.Build.Dense(k, j => j == 0 ? 1 : 0);
        Vector<double> best = Minimize(Objective, start);
        return [best[0], 0, .. best.Skip(1)];
    }

    /// <summary>Fits Platt scaling of one binary label: returns [a, b].</summary>
    /// <param name="p">Out-of-fold probabilities that the label applies.</param>
    /// <param name="gold">Whether it does.</param>
    internal static double[] FitBinary(double[] p, bool[] gold)
    {
        double[][] pairs = [.. p.Select(v => new[] { 1 - v, v })];
        double[] softmax = FitSoftmax(pairs, [.. gold.Select(g => g ? 1 : 0)]);

        // softmax(a·[log(1-p), log p] + [0, b]) gives the label σ(a·logit p + b).
        return [softmax[0], softmax[2]];
    }

    /// <summary>A softmax task's calibrated probabilities.</summary>
    /// <param name="p">Raw probabilities.</param>
    /// <param name="parameters">[a, b_0 .. b_{K-1}] from <see cref="FitSoftmax"/>.</param>
    internal static double[] ApplySoftmax(ReadOnlySpan<double> p, IReadOnlyList<double> parameters)
    {
        var z = new double[p.Length];
        for (int c = 0; c < p.Length; c++)
        {
            z[c] = (parameters[0] * Math.Log(Math.Clamp(p[c], Floor, 1))) + parameters[c + 1];
        }

        SoftmaxMath.InPlace(z);
        return z;
    }

    /// <summary>A binary label's calibrated probability, σ(a·logit p + b).</summary>
    internal static double ApplyBinary(double p, double a, double b)
    {
        double q = Math.Clamp(p, Floor, 1 - Floor);
        return 1 / (1 + Math.Exp(-((a * Math.Log(q / (1 - q))) + b)));
    }

    /// <summary>
    /// Calibrated probabilities of one task: <paramref name="calibration"/> is empty (reported as they are),
    /// [a, b_0 .. b_{K-1}] for a softmax task, or [a_1, b_1, a_2, b_2, ...] for a multi-label task.
    /// </summary>
    internal static double[] ApplyTask(double[] raw, bool multiLabel, IReadOnlyList<double> calibration) =>
        calibration.Count == 0 ? raw
        : multiLabel ? [.. raw.Select((p, k) => ApplyBinary(p, calibration[2 * k], calibration[(2 * k) + 1]))]
        : ApplySoftmax(raw, calibration);

    /// <summary>Calibrated probabilities of every task (<see cref="ApplyTask"/> per task).</summary>
    internal static double[][] Apply(double[][] raw, IReadOnlyList<bool> multiLabel, IReadOnlyList<IReadOnlyList<double>> calibration)
    {
        var result = new double[raw.Length][];
        for (int t = 0; t < raw.Length; t++)
        {
            result[t] = ApplyTask(raw[t], multiLabel[t], calibration[t]);
        }

        return result;
    }

    /// <summary>The parameters that leave probabilities unchanged (a = 1, b = 0).</summary>
    private static double[] Identity(int k) => [1, .. new double[k]];

    private static Vector<double> Minimize(Func<Vector<double>, (double, Vector<double>)> objective, Vector<double> start)
    {
        try
        {
            return new BfgsMinimizer(1e-8, 1e-10, 1e-12, 500).FindMinimum(ObjectiveFunction.Gradient(objective), start).MinimizingPoint;
        }
        catch (OptimizationException)
        {
            // Convex and smooth, so this should not happen; if the line search gives up, report probabilities as they are.
            return start;
        }
    }
}
