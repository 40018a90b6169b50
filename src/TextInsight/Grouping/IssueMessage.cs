namespace TextInsight.Grouping;

/// <summary>A message to group: an id of the caller's, its text, and optionally a title and when it arrived.</summary>
/// <param name="Id">The caller's id; any string, need not be unique (each <see cref="IssueGrouper.Add"/> is one message).</param>
/// <param name="Text">The message body; null is treated as empty.</param>
/// <param name="Title">The title, when the source has one (message boards do; hotline transcripts do not).</param>
/// <param name="Time">When the message arrived; messages without a time count as arriving at the latest time seen, for heat.</param>
public sealed record IssueMessage(string Id, string? Text, string? Title = null, DateTimeOffset? Time = null);
