using System.Text.Json.Nodes;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Classification;

/// <summary>Choosing how many messages the shipped model flags high, by the recall its cross-validation measured.</summary>
public sealed class UrgencyOperatingPointTests
{
    private static FeedbackClassifier Model => FeedbackClassifier.LoadDefault();

    private static List<LabelledFeedback> Sample() => [.. SharedData.Taxonomy().Where((_, i) => i % 5 == 0)];

    [Fact]
    public void The_shipped_model_offers_rising_targets_each_met_in_its_cross_validation()
    {
        IReadOnlyList<UrgencyOperatingPoint> points = Model.UrgencyOperatingPoints;
        Assert.True(points.Count >= 5, $"{points.Count} operating points");
        Assert.Equal(0.9, Model.UrgencyOperatingPoint!.HighRecallTarget);   // the target it was trained with
        for (int i = 0; i < points.Count; i++)
        {
            UrgencyOperatingPoint p = points[i];
            Assert.True(p.HighRecall >= p.HighRecallTarget, $"target {p.HighRecallTarget}: recall {p.HighRecall}");
            Assert.InRange(p.HighPrecision, 0, 1);
            Assert.InRange(p.FlaggedHighShare, 0, 1);
            if (i > 0)
            {
                Assert.True(p.HighRecallTarget > points[i - 1].HighRecallTarget);
            }
        }

        // The trade the points exist for: the lowest target flags far fewer messages than the trained one.
        Assert.True(points[0].FlaggedHighShare < points.Single(p => p.HighRecallTarget == 0.9).FlaggedHighShare / 2,
            $"{points[0].FlaggedHighShare:P1} vs {points.Single(p => p.HighRecallTarget == 0.9).FlaggedHighShare:P1}");
    }

    [Fact]
    public void The_trained_target_decides_as_the_model_does_and_a_lower_one_flags_fewer_messages_high()
    {
        List<LabelledFeedback> sample = Sample();
        FeedbackClassifier trained = Model.WithHighUrgencyRecall(0.9), fewer = Model.WithHighUrgencyRecall(0.6);
        int flaggedDefault = 0, flaggedFewer = 0;
        foreach (LabelledFeedback e in sample)
        {
            FeedbackResult byDefault = Model.Classify(e.Title, e.Text);
            Assert.Equal(byDefault.Urgency, trained.Classify(e.Title, e.Text).Urgency);

            FeedbackResult lower = fewer.Classify(e.Title, e.Text);
            // Only the urgency decision moves: topics, primary, every probability and the cues stay.
            Assert.Equal(byDefault.Primary, lower.Primary);
            Assert.Equal(byDefault.Topics, lower.Topics);
            Assert.Equal(byDefault.UrgencyScores, lower.UrgencyScores);
            Assert.Equal(byDefault.PrimaryScores, lower.PrimaryScores);
            flaggedDefault += byDefault.Urgency == UrgencyLevel.High ? 1 : 0;
            flaggedFewer += lower.Urgency == UrgencyLevel.High ? 1 : 0;
        }

        Assert.True(flaggedFewer < flaggedDefault / 2, $"{flaggedFewer} vs {flaggedDefault} of {sample.Count} flagged high");
    }

    [Fact]
    public void A_target_between_points_takes_the_next_one_up_and_transcript_options_keep_the_choice()
    {
        var sample = Sample().Take(150).ToList();
        FeedbackClassifier between = Model.WithHighUrgencyRecall(0.66), next = Model.WithHighUrgencyRecall(0.7);
        FeedbackClassifier prose = between.WithTranscripts(null);
        Assert.Equal(0.7, between.UrgencyOperatingPoint!.HighRecallTarget);
        Assert.Equal(between.UrgencyOperatingPoint, prose.UrgencyOperatingPoint);
        Assert.All(sample, e =>
        {
            UrgencyLevel u = next.Classify(e.Title, e.Text).Urgency;
            Assert.Equal(u, between.Classify(e.Title, e.Text).Urgency);
            Assert.Equal(u, prose.Classify(e.Title, e.Text).Urgency);   // board messages are prose either way
        });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(0.99)] // above the highest point (0.95)
    public void Targets_out_of_range_are_refused(double target) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.WithHighUrgencyRecall(target));

    [Fact]
    public void A_model_without_points_says_so_and_malformed_points_are_a_format_error()
    {
        using var saved = new MemoryStream();
        Model.Save(saved);
        byte[] bytes = saved.ToArray();
        JsonNode manifest = JsonNode.Parse(FeedbackClassifierTests.ReadEntry(bytes, "manifest.json"))!;

        FeedbackClassifier Reload(Action<JsonArray> edit)
        {
            JsonNode copy = manifest.DeepClone();
            edit(copy["urgencyOperatingPoints"]!.AsArray());
            return FeedbackClassifier.Load(new MemoryStream(FeedbackClassifierTests.ReplaceEntry(bytes, "manifest.json", copy.ToJsonString())));
        }

        FeedbackClassifier older = Reload(points => points.Clear());
        Assert.Empty(older.UrgencyOperatingPoints);
        Assert.Null(older.UrgencyOperatingPoint);
        Assert.Throws<InvalidOperationException>(() => older.WithHighUrgencyRecall(0.8));

        Assert.Throws<ModelFormatException>(() => Reload(points => points[0]!["offsets"]!.AsArray().RemoveAt(0)));
        Assert.Throws<ModelFormatException>(() => Reload(points => points[1]!["recallTarget"] = 0.1));
    }
}
