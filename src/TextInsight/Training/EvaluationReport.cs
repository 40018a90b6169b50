using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TextInsight.Training;

/// <summary>Precision, recall and F1 of one label.</summary>
/// <param name="Label">The label.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing was predicted.</param>
/// <param name="Recall">TP / (TP + FN); 0 when the label never occurs.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="Support">Number of examples that carry the label.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>A 95% confidence interval of a metric.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct MetricInterval(double Low, double High)
{
    /// <summary>95% Wilson score interval of a proportion <paramref name="p"/> observed over <paramref name="trials"/> trials ([0, 1] for none).</summary>
    internal static MetricInterval Wilson(double p, int trials)
    {
        if (trials == 0)
        {
            return new MetricInterval(0, 1);
        }

        double z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975), n = trials;
        double centre = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        double half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / (1 + (z * z / n));
        return new MetricInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>"[0.795, 0.861]".</summary>
    /// <returns>The interval as text, three decimals.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Low:0.000}, {High:0.000}]");
}

/// <summary>How well probabilities match how often their labels turn out true.</summary>
/// <param name="ExpectedCalibrationError">
/// Over every (message, label) pair, the probabilities binned in tenths: the mean gap between a bin's
/// average probability and the share of its pairs whose label is true, weighted by the bin's size.
/// 0 is perfect; 0.05 means probabilities are off by five points on average.
/// </param>
/// <param name="BrierScore">Mean over messages of Σ over labels (probability − outcome)²; lower is better.</param>
public sealed record CalibrationMetrics(double ExpectedCalibrationError, double BrierScore)
{
    private const int Bins = 10;

    /// <summary>Measures <paramref name="p"/> (per message, per label) against <paramref name="truth"/>.</summary>
    internal static CalibrationMetrics Measure(IReadOnlyList<double[]> p, IReadOnlyList<bool[]> truth)
    {
        var count = new int[Bins];
        var sumP = new double[Bins];
        var sumY = new double[Bins];
        double brier = 0;
        int pairs = 0;
        for (int i = 0; i < p.Count; i++)
        {
            for (int k = 0; k < p[i].Length; k++)
            {
                double y = truth[i][k] ? 1 : 0;
                int bin = Math.Clamp((int)(p[i][k] * Bins), 0, Bins - 1);
                count[bin]++;
                sumP[bin] += p[i][k];
                sumY[bin] += y;
                brier += (p[i][k] - y) * (p[i][k] - y);
                pairs++;
            }
        }

        double ece = 0;
        for (int b = 0; b < Bins; b++)
        {
            if (count[b] > 0)
            {
                ece += Math.Abs(sumP[b] - sumY[b]) / Math.Max(1, pairs); // = (n_b / N) |mean p - mean y|
            }
        }

        return new CalibrationMetrics(ece, p.Count == 0 ? 0 : brier / p.Count);
    }

    /// <summary>Single-label truth as one flag per label.</summary>
    internal static bool[][] OneHot(int[] gold, int labels) => [.. gold.Select(g => Enumerable.Range(0, labels).Select(c => c == g).ToArray())];
}

/// <summary>How well probabilities rank the messages that carry a label above those that do not.</summary>
internal static class RankingMetrics
{
    /// <summary>
    /// Per label, the average precision of ranking messages by that label's probability: the precision at
    /// each distinct score, weighted by the recall it adds (tied scores form one step). Independent of any
    /// threshold, so it compares models whatever operating point a consumer picks; a label's share of the
    /// messages is what random scores get. NaN for a label no message carries.
    /// </summary>
    internal static double[] AveragePrecision(IReadOnlyList<double[]> p, IReadOnlyList<bool[]> truth)
    {
        int labels = p.Count == 0 ? 0 : p[0].Length;
        var result = new double[labels];
        for (int k = 0; k < labels; k++)
        {
            int[] order = [.. Enumerable.Range(0, p.Count).OrderByDescending(i => p[i][k])];
            int positives = truth.Count(t => t[k]);
            if (positives == 0)
            {
                result[k] = double.NaN;
                continue;
            }

            double ap = 0;
            int seen = 0, hits = 0, hitsBefore = 0;
            while (seen < order.Length)
            {
                double score = p[order[seen]][k];
                for (; seen < order.Length && p[order[seen]][k] == score; seen++)
                {
                    hits += truth[order[seen]][k] ? 1 : 0;
                }

                ap += (double)(hits - hitsBefore) / positives * hits / seen;
                hitsBefore = hits;
            }

            result[k] = ap;
        }

        return result;
    }
}

/// <summary>The evaluation of one prediction task (e.g. topics, primary, urgency, or a custom label).</summary>
/// <remarks>Thread-safe; the confidence intervals are computed on first use.</remarks>
public sealed class TaskEvaluation
{
    // Bootstrap resamples behind the intervals; a fixed seed makes a report reproducible.
    private const int BootstrapRounds = 1000;
    private const int BootstrapSeed = 20261123;

    private readonly Lazy<(MetricInterval Accuracy, MetricInterval MacroF1, MetricInterval MicroF1)>? _intervals;

    internal TaskEvaluation(string name, bool multiLabel, IReadOnlyList<ClassMetrics> classes, double macroF1, double microF1, double accuracy, int examples, int[][]? confusion,
        Func<int[], TaskEvaluation>? resample = null)
    {
        _intervals = resample is null ? null : new(() => Bootstrap(examples, resample));
        Name = name;
        MultiLabel = multiLabel;
        Classes = classes;
        MacroF1 = macroF1;
        MicroF1 = microF1;
        Accuracy = accuracy;
        Examples = examples;
        ConfusionMatrix = confusion;
    }

    /// <summary>The task name.</summary>
    public string Name { get; }

    /// <summary>True when an example can carry several labels.</summary>
    public bool MultiLabel { get; }

    /// <summary>Per-label metrics, in label order.</summary>
    public IReadOnlyList<ClassMetrics> Classes { get; }

    /// <summary>Unweighted mean of the per-label F1.</summary>
    public double MacroF1 { get; }

    /// <summary>F1 over all label decisions pooled (equals accuracy for single-label tasks).</summary>
    public double MicroF1 { get; }

    /// <summary>Share of examples whose label (single-label) or exact label set (multi-label) is right.</summary>
    public double Accuracy { get; }

    /// <summary>Number of examples evaluated.</summary>
    public int Examples { get; }

    /// <summary>
    /// Calibration of the probabilities the model reports (its per-label scores); null when the evaluation had
    /// no probabilities.
    /// </summary>
    public CalibrationMetrics? Calibration { get; private set; }

    /// <summary>The same for the heads' raw probabilities, before the model's calibration; null when not measured.</summary>
    public CalibrationMetrics? RawCalibration { get; private set; }

    /// <summary>
    /// Per label, in label order, the average precision of the reported probabilities: how well ranking the
    /// messages by that label's probability puts the ones carrying it first, whatever threshold is then set
    /// (1 is perfect; the label's share of the messages is chance). Null when the evaluation had no probabilities.
    /// </summary>
    public IReadOnlyList<double>? AveragePrecision { get; private set; }

    /// <summary>Calibration and ranking of the reported probabilities, and calibration of the heads' raw ones.</summary>
    internal void MeasureProbabilities(IReadOnlyList<double[]> reported, IReadOnlyList<double[]> raw, IReadOnlyList<bool[]> truth)
    {
        Calibration = CalibrationMetrics.Measure(reported, truth);
        RawCalibration = CalibrationMetrics.Measure(raw, truth);
        AveragePrecision = RankingMetrics.AveragePrecision(reported, truth);
    }

    /// <summary>Single-label tasks: counts [gold][predicted] in label order; null for multi-label tasks.</summary>
    public IReadOnlyList<IReadOnlyList<int>>? ConfusionMatrix { get; }

    /// <summary>95% bootstrap percentile interval of <see cref="Accuracy"/> (examples resampled with replacement).</summary>
    public MetricInterval AccuracyInterval => Intervals().Accuracy;

    /// <summary>95% bootstrap percentile interval of <see cref="MacroF1"/>.</summary>
    public MetricInterval MacroF1Interval => Intervals().MacroF1;

    /// <summary>95% bootstrap percentile interval of <see cref="MicroF1"/>.</summary>
    public MetricInterval MicroF1Interval => Intervals().MicroF1;

    /// <summary>95% Wilson score interval of one label's recall (its support is the number of trials).</summary>
    /// <param name="label">The label.</param>
    /// <returns>The interval; [0, 1] when the label never occurs.</returns>
    /// <exception cref="KeyNotFoundException">The task has no such label.</exception>
    public MetricInterval RecallInterval(string label)
    {
        ClassMetrics c = this[label];
        if (c.Support == 0)
        {
            return new MetricInterval(0, 1);
        }

        return MetricInterval.Wilson(c.Recall, c.Support);
    }

    private (MetricInterval Accuracy, MetricInterval MacroF1, MetricInterval MicroF1) Intervals() =>
        _intervals?.Value ?? (new(Accuracy, Accuracy), new(MacroF1, MacroF1), new(MicroF1, MicroF1));

    private static (MetricInterval, MetricInterval, MetricInterval) Bootstrap(int n, Func<int[], TaskEvaluation> evaluate)
    {
        if (n == 0)
        {
            return (new(0, 0), new(0, 0), new(0, 0));
        }

        var rng = new Random(BootstrapSeed);
        var accuracy = new double[BootstrapRounds];
        var macro = new double[BootstrapRounds];
        var micro = new double[BootstrapRounds];
        var idx = new int[n];
        for (int b = 0; b < BootstrapRounds; b++)
        {
            for (int i = 0; i < n; i++)
            {
                idx[i] = rng.Next(n);
            }

            TaskEvaluation e = evaluate(idx);
            accuracy[b] = e.Accuracy;
            macro[b] = e.MacroF1;
            micro[b] = e.MicroF1;
        }

        static MetricInterval Percentiles(double[] values) => new(
            MathNet.Numerics.Statistics.Statistics.Quantile(values, 0.025), MathNet.Numerics.Statistics.Statistics.Quantile(values, 0.975));
        return (Percentiles(accuracy), Percentiles(macro), Percentiles(micro));
    }

    /// <summary>Metrics of one label by name.</summary>
    /// <param name="label">The label.</param>
    /// <returns>Its metrics.</returns>
    /// <exception cref="KeyNotFoundException">The task has no such label.</exception>
    public ClassMetrics this[string label] => Classes.FirstOrDefault(c => c.Label == label) ?? throw new KeyNotFoundException(label);
}

/// <summary>Evaluation of a model on labelled data: one <see cref="TaskEvaluation"/> per task.</summary>
public sealed class EvaluationReport
{
    internal EvaluationReport(string description, IReadOnlyList<TaskEvaluation> tasks)
    {
        Description = description;
        Tasks = tasks;
    }

    /// <summary>How the numbers were obtained (e.g. "5-fold cross-validation, seed 42, 2000 examples").</summary>
    public string Description { get; }

    /// <summary>The tasks evaluated.</summary>
    public IReadOnlyList<TaskEvaluation> Tasks { get; }

    /// <summary>A task by name.</summary>
    /// <param name="name">topics, primary, urgency, or label.</param>
    /// <returns>Its evaluation.</returns>
    /// <exception cref="KeyNotFoundException">No such task.</exception>
    public TaskEvaluation this[string name] => Tasks.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException(name);

    /// <summary>The report as indented JSON.</summary>
    /// <returns>JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        description = Description,
        tasks = Tasks.Select(t => new
        {
            name = t.Name,
            multiLabel = t.MultiLabel,
            examples = t.Examples,
            accuracy = Math.Round(t.Accuracy, 4),
            macroF1 = Math.Round(t.MacroF1, 4),
            microF1 = Math.Round(t.MicroF1, 4),
            interval95 = new { accuracy = Pair(t.AccuracyInterval), macroF1 = Pair(t.MacroF1Interval), microF1 = Pair(t.MicroF1Interval) },
            classes = t.Classes.Select((c, i) => new
            {
                label = c.Label, precision = Math.Round(c.Precision, 4), recall = Math.Round(c.Recall, 4), f1 = Math.Round(c.F1, 4), support = c.Support,
                recallInterval95 = Pair(t.RecallInterval(c.Label)),
                averagePrecision = t.AveragePrecision is { } ap && !double.IsNaN(ap[i]) ? Math.Round(ap[i], 4) : (double?)null,
            }),
            confusion = t.ConfusionMatrix,
            calibration = Calibration(t.Calibration),
            rawCalibration = Calibration(t.RawCalibration),
        }),
    }, JsonOptions);

    private static double[] Pair(MetricInterval i) => [Math.Round(i.Low, 4), Math.Round(i.High, 4)];

    private static object? Calibration(CalibrationMetrics? c) =>
        c is null ? null : new { expectedCalibrationError = Math.Round(c.ExpectedCalibrationError, 4), brierScore = Math.Round(c.BrierScore, 4) };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report as plain-text tables (what the CLI prints).</summary>
    /// <returns>Text.</returns>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Description);
        foreach (TaskEvaluation t in Tasks)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"\n[{t.Name}] {t.Examples} examples  accuracy {t.Accuracy:0.000}  macro-F1 {t.MacroF1:0.000}  micro-F1 {t.MicroF1:0.000}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"  95% bootstrap intervals: accuracy {t.AccuracyInterval}  macro-F1 {t.MacroF1Interval}  micro-F1 {t.MicroF1Interval}");
            if (t.Calibration is { } cal)
            {
                string raw = t.RawCalibration is { } r ? string.Create(CultureInfo.InvariantCulture, $" (raw heads: {r.ExpectedCalibrationError:0.000}, {r.BrierScore:0.000})") : "";
                sb.AppendLine(CultureInfo.InvariantCulture, $"  probabilities: calibration error {cal.ExpectedCalibrationError:0.000}  Brier {cal.BrierScore:0.000}{raw}");
            }

            if (t.AveragePrecision is { } ap)
            {
                sb.AppendLine("  ranking by probability, average precision: " + string.Join("  ", t.Classes.Select((c, i) =>
                    string.Create(CultureInfo.InvariantCulture, $"{c.Label} {ap[i]:0.000}"))));
            }

            sb.AppendLine("  label              precision  recall     F1  support  recall 95% (Wilson)");
            foreach (ClassMetrics c in t.Classes)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {c.Label,-18} {c.Precision,9:0.000} {c.Recall,7:0.000} {c.F1,6:0.000} {c.Support,8}  {t.RecallInterval(c.Label)}");
            }

            if (t.ConfusionMatrix is { } m)
            {
                sb.AppendLine("  confusion (rows gold, columns predicted): " + string.Join(" ", t.Classes.Select(c => c.Label)));
                for (int i = 0; i < m.Count; i++)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"  {t.Classes[i].Label,-18} {string.Join(" ", m[i].Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(6)))}");
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The same evaluation under another description.</summary>
    /// <param name="description">How the numbers were obtained.</param>
    /// <returns>A copy with the new description.</returns>
    public EvaluationReport WithDescription(string description) => new(description, Tasks);

    /// <summary>Single-label metrics from gold and predicted class indices (bootstrap intervals on demand, unless a resample itself).</summary>
    internal static TaskEvaluation SingleLabel(string name, IReadOnlyList<string> labels, int[] gold, int[] predicted, bool bootstrap = true)
    {
        int k = labels.Count;
        var confusion = new int[k][];
        for (int i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }

        for (int i = 0; i < gold.Length; i++)
        {
            confusion[gold[i]][predicted[i]]++;
        }

        var classes = new List<ClassMetrics>();
        int correct = 0;
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c][c];
            int fn = confusion[c].Sum() - tp;
            int fp = Enumerable.Range(0, k).Sum(g => confusion[g][c]) - tp;
            classes.Add(Metrics(labels[c], tp, fp, fn));
            correct += tp;
        }

        double accuracy = gold.Length == 0 ? 0 : (double)correct / gold.Length;
        return new TaskEvaluation(name, false, classes, classes.Average(c => c.F1), accuracy, accuracy, gold.Length, confusion,
            bootstrap ? idx => SingleLabel(name, labels, idx.Select(i => gold[i]).ToArray(), idx.Select(i => predicted[i]).ToArray(), bootstrap: false) : null);
    }

    /// <summary>Multi-label metrics from gold and predicted label sets (bootstrap intervals on demand, unless a resample itself).</summary>
    internal static TaskEvaluation MultiLabel(string name, IReadOnlyList<string> labels, bool[][] gold, bool[][] predicted, bool bootstrap = true)
    {
        var classes = new List<ClassMetrics>();
        int tpAll = 0, fpAll = 0, fnAll = 0;
        for (int c = 0; c < labels.Count; c++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < gold.Length; i++)
            {
                if (gold[i][c] && predicted[i][c])
                {
                    tp++;
                }
                else if (predicted[i][c])
                {
                    fp++;
                }
                else if (gold[i][c])
                {
                    fn++;
                }
            }

            classes.Add(Metrics(labels[c], tp, fp, fn));
            tpAll += tp;
            fpAll += fp;
            fnAll += fn;
        }

        double micro = tpAll == 0 ? 0 : 2.0 * tpAll / ((2.0 * tpAll) + fpAll + fnAll);
        int exact = Enumerable.Range(0, gold.Length).Count(i => gold[i].AsSpan().SequenceEqual(predicted[i]));
        return new TaskEvaluation(name, true, classes, classes.Average(c => c.F1), micro, gold.Length == 0 ? 0 : (double)exact / gold.Length, gold.Length, null,
            bootstrap ? idx => MultiLabel(name, labels, idx.Select(i => gold[i]).ToArray(), idx.Select(i => predicted[i]).ToArray(), bootstrap: false) : null);
    }

    private static ClassMetrics Metrics(string label, int tp, int fp, int fn)
    {
        double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new ClassMetrics(label, p, r, f1, tp + fn);
    }
}
