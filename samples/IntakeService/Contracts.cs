using System.Text.Json.Serialization;
using TextInsight.Classification;

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
