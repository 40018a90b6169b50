namespace TextInsight.Tests.Classification;

/// <summary>Average precision of ranking by a label's probability (the threshold-free measure in every report).</summary>
public sealed class RankingMetricsTests
{
    [Fact]
    public void Average_precision_matches_hand_computed_values()
    {
        // Label 0 ranked T F T F: positives found at ranks 1 and 3, AP = (1/1 + 2/3) / 2.
        // Label 1 ranked F T F T: positives at ranks 2 and 4, AP = (1/2 + 2/4) / 2.
        double[][] p = [[0.9, 0.4], [0.8, 0.3], [0.7, 0.2], [0.6, 0.1]];
        bool[][] truth = [[true, false], [false, true], [true, false], [false, true]];

        double[] ap = RankingMetrics.AveragePrecision(p, truth);

        Assert.Equal((1 + (2.0 / 3)) / 2, ap[0], 12);
        Assert.Equal(0.5, ap[1], 12);
    }

    [Fact]
    public void Tied_scores_form_one_step_and_a_label_nobody_carries_is_NaN()
    {
        // The one positive ties with a negative below the top score: one step of recall 1 at precision 1/3.
        double[][] p = [[0.9, 0.5], [0.5, 0.5], [0.5, 0.5]];
        bool[][] truth = [[false, false], [true, false], [false, false]];

        double[] ap = RankingMetrics.AveragePrecision(p, truth);

        Assert.Equal(1.0 / 3, ap[0], 12);
        Assert.True(double.IsNaN(ap[1]));
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_is_reported_in_text_and_json()
    {
        double[][] p = [[0.2, 0.8], [0.7, 0.3], [0.4, 0.6]];
        bool[][] truth = [[false, true], [true, false], [false, true]];
        Assert.Equal([1.0, 1.0], RankingMetrics.AveragePrecision(p, truth));

        TaskEvaluation t = EvaluationReport.SingleLabel("t", ["a", "b"], [1, 0, 1], [1, 0, 1]);
        t.MeasureProbabilities(p, p, truth);
        var report = new EvaluationReport("r", [t]);

        Assert.Contains("average precision: a 1.000  b 1.000", report.ToText(), StringComparison.Ordinal);
        Assert.Contains("\"averagePrecision\": 1", report.ToJson(), StringComparison.Ordinal);
    }
}
