namespace TextInsight.Classification;

/// <summary>
/// One way to trade `high` urgency flags against missed emergencies, as the model's own cross-validation
/// measured it: the decision offsets chosen for <see cref="HighRecallTarget"/> and what they gave on the
/// out-of-fold predictions. <see cref="FeedbackClassifier.WithHighUrgencyRecall"/> switches to one.
/// </summary>
/// <param name="HighRecallTarget">The high-urgency recall the offsets were chosen to keep.</param>
/// <param name="HighRecall">Cross-validated share of true emergencies flagged <c>high</c>.</param>
/// <param name="HighPrecision">Cross-validated share of <c>high</c> flags that are true emergencies.</param>
/// <param name="FlaggedHighShare">Cross-validated share of all messages flagged <c>high</c>.</param>
/// <param name="UrgencyMacroF1">Cross-validated urgency macro-F1 with these offsets.</param>
public sealed record UrgencyOperatingPoint(double HighRecallTarget, double HighRecall, double HighPrecision, double FlaggedHighShare, double UrgencyMacroF1);
