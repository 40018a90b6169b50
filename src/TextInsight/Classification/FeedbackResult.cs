namespace TextInsight.Classification;

/// <summary>The classification of one message under the default taxonomy.</summary>
public sealed class FeedbackResult
{
    internal FeedbackResult(FeedbackTopic primary, IReadOnlyList<FeedbackTopic> topics, UrgencyLevel urgency,
        IReadOnlyList<LabelScore> primaryScores, IReadOnlyList<LabelScore> topicScores, IReadOnlyList<LabelScore> urgencyScores,
        IReadOnlyList<Cue> cues)
    {
        Primary = primary;
        Topics = topics;
        Urgency = urgency;
        PrimaryScores = primaryScores;
        TopicScores = topicScores;
        UrgencyScores = urgencyScores;
        Cues = cues;
    }

    /// <summary>What the writer mainly wants dealt with; <see cref="FeedbackTopic.Other"/> only when <see cref="Topics"/> is empty.</summary>
    public FeedbackTopic Primary { get; }

    /// <summary>Every topic the message raises (multi-label); always contains <see cref="Primary"/> unless it is <c>other</c>.</summary>
    public IReadOnlyList<FeedbackTopic> Topics { get; }

    /// <summary>How urgently someone must act.</summary>
    public UrgencyLevel Urgency { get; }

    /// <summary>The calibrated probability of <see cref="Primary"/> (see <see cref="PrimaryScores"/>).</summary>
    public double Confidence => PrimaryScores.First(s => s.Label == Primary.Name).Probability;

    /// <summary>
    /// Probabilities of the five primary labels (sum to 1), calibrated on held-out predictions so that they match
    /// observed frequencies. The decision uses tuned per-label offsets, so <see cref="Primary"/> need not be the most probable label.
    /// </summary>
    public IReadOnlyList<LabelScore> PrimaryScores { get; }

    /// <summary>Independent calibrated probabilities of each of the four topics being raised.</summary>
    public IReadOnlyList<LabelScore> TopicScores { get; }

    /// <summary>
    /// Calibrated probabilities of high, medium and low urgency (sum to 1). <see cref="Urgency"/> is decided for high
    /// recall, so a message is often flagged high at a modest probability of high: most such flags are false alarms.
    /// </summary>
    public IReadOnlyList<LabelScore> UrgencyScores { get; }

    /// <summary>The evidence: urgency cue phrases found, then the model terms that most supported the primary label and the urgency.</summary>
    public IReadOnlyList<Cue> Cues { get; }
}

/// <summary>The classification of one message under a custom taxonomy.</summary>
public sealed class LabelResult
{
    internal LabelResult(string label, IReadOnlyList<string> labels, IReadOnlyList<LabelScore> scores, IReadOnlyList<Cue> cues)
    {
        Label = label;
        Labels = labels;
        Scores = scores;
        Cues = cues;
    }

    /// <summary>The most probable label.</summary>
    public string Label { get; }

    /// <summary>All labels assigned: just <see cref="Label"/> for a single-label model; every label over its threshold (at least the top one) for a multi-label model.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The probability of <see cref="Label"/>.</summary>
    public double Confidence => Scores.First(s => s.Label == Label).Probability;

    /// <summary>Per-label probabilities, calibrated on held-out predictions (models trained by this version).</summary>
    public IReadOnlyList<LabelScore> Scores { get; }

    /// <summary>The model terms that most supported <see cref="Label"/>.</summary>
    public IReadOnlyList<Cue> Cues { get; }
}

/// <summary>A message to classify.</summary>
/// <param name="Title">Optional title or subject line.</param>
/// <param name="Text">The message body.</param>
public sealed record FeedbackMessage(string? Title, string Text);
