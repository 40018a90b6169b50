using System.Text.Json.Serialization;
using TextInsight.Classification;
using TextInsight.Grouping;

namespace IntakeService;

/// <summary>One message to classify.</summary>
/// <param name="Id">The caller's id, echoed back; optional.</param>
/// <param name="Title">Title or subject; optional.</param>
/// <param name="Text">The message; required, not empty.</param>
public sealed record ClassifyRequest(string? Id, string? Title, string? Text);

/// <summary>A classification: decisions, per-label probabilities and the evidence.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Primary">livelihood, land, employment, style or other.</param>
/// <param name="Topics">Every topic raised.</param>
/// <param name="Urgency">high, medium or low.</param>
/// <param name="Confidence">The probability of the primary topic.</param>
/// <param name="Probabilities">Per task (primary, topics, urgency), the calibrated probability of each label.</param>
/// <param name="Cues">The urgency phrases found and the model terms behind the decisions.</param>
/// <param name="MaskedText">With <c>?maskPii=true</c>: the text with personal data masked.</param>
public sealed record ClassifyResponse(
    string? Id,
    string Primary,
    IReadOnlyList<string> Topics,
    string Urgency,
    double Confidence,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Probabilities,
    IReadOnlyList<CueResponse> Cues,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MaskedText)
{
    /// <summary>The response for a classified request.</summary>
    public static ClassifyResponse From(ClassifyRequest request, FeedbackResult r, string? maskedText) => new(
        request.Id,
        r.Primary.Name,
        [.. r.Topics.Select(t => t.Name)],
        r.Urgency.Name,
        r.Confidence,
        new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["primary"] = r.PrimaryScores.ToDictionary(s => s.Label, s => s.Probability),
            ["topics"] = r.TopicScores.ToDictionary(s => s.Label, s => s.Probability),
            ["urgency"] = r.UrgencyScores.ToDictionary(s => s.Label, s => s.Probability),
        },
        [.. r.Cues.Select(c => new CueResponse(c.Text, c.Kind == CueKind.UrgencyPhrase ? "urgencyPhrase" : "modelTerm", c.Label, c.Weight))],
        maskedText);
}

/// <summary>One piece of evidence.</summary>
/// <param name="Text">The phrase or term.</param>
/// <param name="Kind">urgencyPhrase or modelTerm.</param>
/// <param name="Label">The urgency category or the label it supports.</param>
/// <param name="Weight">Its contribution (1 for a phrase).</param>
public sealed record CueResponse(string Text, string Kind, string Label, double Weight);

/// <summary>A batch line for an item that could not be classified: its position and why.</summary>
/// <param name="Index">0-based position in the batch.</param>
/// <param name="Id">Its id, when it could be read.</param>
/// <param name="Error">The problem, as RFC 7807 fields.</param>
public sealed record BatchError(int Index, string? Id, Microsoft.AspNetCore.Mvc.ProblemDetails Error);

/// <summary>One message to group into an issue.</summary>
/// <param name="Id">The caller's id, echoed back; optional.</param>
/// <param name="Title">Title or subject; optional.</param>
/// <param name="Text">The message; required, not empty.</param>
/// <param name="Time">When it arrived (ISO 8601); the time of the request when absent.</param>
public sealed record IssueRequest(string? Id, string? Title, string? Text, DateTimeOffset? Time);

/// <summary>The issue a message joined.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Issue">The issue's number (an earlier one when the message repeats a known issue).</param>
/// <param name="IssueSize">Messages in the issue now.</param>
/// <param name="IssueLabel">The issue's label: its most shared place names and problem words.</param>
/// <param name="Primary">The message's primary topic.</param>
/// <param name="Urgency">The message's urgency.</param>
public sealed record IssueResponse(string? Id, int Issue, int IssueSize, string IssueLabel, string Primary, string Urgency);

/// <summary>One issue of the hot list.</summary>
/// <param name="Issue">Its number.</param>
/// <param name="Label">Its label.</param>
/// <param name="Size">Its messages.</param>
/// <param name="RecentCount">Messages of the last 7 days.</param>
/// <param name="PreviousCount">Messages of the 7 days before.</param>
/// <param name="Heat">Its heat (README: "Repeated complaints and hot issues").</param>
/// <param name="HighestUrgency">The highest urgency of its messages.</param>
/// <param name="Primary">Its most frequent primary topic.</param>
/// <param name="RepresentativeId">The id of the message to read first.</param>
/// <param name="FirstTime">Its first message's time.</param>
/// <param name="LastTime">Its latest message's time.</param>
public sealed record IssueSummary(int Issue, string Label, int Size, int RecentCount, int PreviousCount, double Heat, string? HighestUrgency,
    string? Primary, string RepresentativeId, DateTimeOffset? FirstTime, DateTimeOffset? LastTime)
{
    /// <summary>The summary of an issue.</summary>
    public static IssueSummary From(Issue i) => new(i.Id, i.Label, i.Size, i.RecentCount, i.PreviousCount, i.Heat, i.HighestUrgency?.Name,
        i.Primary?.Name, i.Representative.Id, i.FirstTime, i.LastTime);
}
