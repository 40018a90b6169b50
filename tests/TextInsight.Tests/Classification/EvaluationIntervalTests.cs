namespace TextInsight.Tests.Classification;

/// <summary>Confidence intervals of evaluation metrics (bootstrap for task metrics, Wilson for recall).</summary>
public sealed class EvaluationIntervalTests
{
    private static readonly string[] Labels = ["a", "b"];

    [Fact]
    public void Wilson_interval_of_recall_matches_the_textbook_value()
    {
        // 18 of 19 found (the default model's high urgency on validation): Wilson 95% = [0.754, 0.991].
        int[] gold = [.. Enumerable.Repeat(0, 19), .. Enumerable.Repeat(1, 81)];
        int[] predicted = [.. Enumerable.Repeat(0, 18), 1, .. Enumerable.Repeat(1, 81)];
        TaskEvaluation e = EvaluationReport.SingleLabel("t", Labels, gold, predicted);
        MetricInterval r = e.RecallInterval("a");
        Assert.Equal(0.754, r.Low, 3);
        Assert.Equal(0.991, r.High, 3);
        Assert.Equal(new MetricInterval(0, 1), EvaluationReport.SingleLabel("t", Labels, [1, 1], [1, 0]).RecallInterval("a"));
    }

    [Fact]
    public void Bootstrap_intervals_contain_the_estimate_narrow_with_more_examples_and_are_reproducible()
    {
        static TaskEvaluation Eval(int n)
        {
            var rng = new Random(5);
            int[] gold = Enumerable.Range(0, n).Select(_ => rng.Next(2)).ToArray();
            int[] predicted = gold.Select(g => rng.NextDouble() < 0.8 ? g : 1 - g).ToArray();
            return EvaluationReport.SingleLabel("t", Labels, gold, predicted);
        }

        TaskEvaluation small = Eval(200), large = Eval(5000);
        foreach (TaskEvaluation e in new[] { small, large })
        {
            Assert.InRange(e.Accuracy, e.AccuracyInterval.Low, e.AccuracyInterval.High);
            Assert.InRange(e.MacroF1, e.MacroF1Interval.Low, e.MacroF1Interval.High);
        }

        double Width(MetricInterval i) => i.High - i.Low;
        Assert.True(Width(large.AccuracyInterval) < Width(small.AccuracyInterval) / 3, $"{small.AccuracyInterval} vs {large.AccuracyInterval}");
        // Binomial standard error at p ~ 0.8, n = 200: 0.028, so a 95% interval is ~0.11 wide.
        Assert.InRange(Width(small.AccuracyInterval), 0.08, 0.14);
        Assert.Equal(small.AccuracyInterval, Eval(200).AccuracyInterval);

        bool[][] goldSets = [[true, false], [true, true], [false, true], [true, false]];
        TaskEvaluation multi = EvaluationReport.MultiLabel("m", Labels, goldSets, goldSets);
        Assert.Equal(new MetricInterval(1, 1), multi.MicroF1Interval);
        Assert.Contains("95% bootstrap intervals: accuracy [", new EvaluationReport("d", [small]).ToText(), StringComparison.Ordinal);
    }
}
