using TextInsight.Normalization;

namespace TextInsight.Hosting;

/// <summary>
/// How <c>services.AddTextInsight(...)</c> sets up the shared classifier. Validated when the host starts: a bad
/// setting, or a model that fails to load, stops the host then, not at the first request.
/// </summary>
public sealed class TextInsightOptions
{
    /// <summary>A default-taxonomy model file to load; null (and no <see cref="ModelStream"/>): the model embedded in the package.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Opens the model package to load (read once at start-up, then disposed); takes precedence over <see cref="ModelPath"/>.</summary>
    public Func<Stream>? ModelStream { get; set; }

    /// <summary>
    /// The high-urgency recall to keep (<see cref="Classification.FeedbackClassifier.WithHighUrgencyRecall"/>), e.g. 0.6 to flag
    /// fewer messages high; null: the model's trained operating point (0.9 for the shipped model).
    /// </summary>
    public double? HighUrgencyRecall { get; set; }

    /// <summary>How hotline transcripts are read before classification; null: every text is plain prose.</summary>
    public TranscriptOptions? Transcripts { get; set; } = TranscriptOptions.Default;
}
