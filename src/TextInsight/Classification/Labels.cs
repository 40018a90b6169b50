namespace TextInsight.Classification;

/// <summary>A topic of the default taxonomy (../shared/TAXONOMY.md); <see cref="ToString"/> gives its name.</summary>
public readonly record struct FeedbackTopic
{
    private readonly string? _name;

    private FeedbackTopic(string name) => _name = name;

    /// <summary>民生: daily living conditions and public services.</summary>
    public static FeedbackTopic Livelihood { get; } = new("livelihood");

    /// <summary>土地: rights over land and the buildings on it as property.</summary>
    public static FeedbackTopic Land { get; } = new("land");

    /// <summary>就业: work and labour.</summary>
    public static FeedbackTopic Employment { get; } = new("employment");

    /// <summary>作风: conduct of officials and public employees in their public role.</summary>
    public static FeedbackTopic Style { get; } = new("style");

    /// <summary>None of the four topics (only as a primary label).</summary>
    public static FeedbackTopic Other { get; } = new("other");

    /// <summary>The four topics, in model order.</summary>
    public static IReadOnlyList<FeedbackTopic> Topics { get; } = [Livelihood, Land, Employment, Style];

    /// <summary>The five primary labels, in model order.</summary>
    public static IReadOnlyList<FeedbackTopic> PrimaryLabels { get; } = [Livelihood, Land, Employment, Style, Other];

    /// <summary>The lower-case name: <c>livelihood</c>, <c>land</c>, <c>employment</c>, <c>style</c> or <c>other</c>.</summary>
    public string Name => _name ?? "other";

    /// <summary>Parses a name as written in labelled data.</summary>
    /// <param name="name">One of the five names, case-insensitive.</param>
    /// <returns>The topic.</returns>
    /// <exception cref="FormatException">The name is not a label of the default taxonomy.</exception>
    public static FeedbackTopic Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (FeedbackTopic t in PrimaryLabels)
        {
            if (string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        throw new FormatException($"'{name}' is not a topic of the default taxonomy (livelihood, land, employment, style, other).");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>How urgently someone must act (TAXONOMY.md); <see cref="ToString"/> gives <c>high</c>, <c>medium</c> or <c>low</c>.</summary>
public readonly record struct UrgencyLevel
{
    private readonly string? _name;

    private UrgencyLevel(string name) => _name = name;

    /// <summary>紧急: act within hours (danger to life, collective action, forced demolition, ...).</summary>
    public static UrgencyLevel High { get; } = new("high");

    /// <summary>较急: concrete ongoing harm, act within days.</summary>
    public static UrgencyLevel Medium { get; } = new("medium");

    /// <summary>一般: routine questions, suggestions, opinions.</summary>
    public static UrgencyLevel Low { get; } = new("low");

    /// <summary>The three levels, in model order.</summary>
    public static IReadOnlyList<UrgencyLevel> Levels { get; } = [High, Medium, Low];

    /// <summary>The lower-case name.</summary>
    public string Name => _name ?? "low";

    /// <summary>Parses <c>high</c>, <c>medium</c> or <c>low</c> (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The level.</returns>
    /// <exception cref="FormatException">Not an urgency level.</exception>
    public static UrgencyLevel Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (UrgencyLevel u in Levels)
        {
            if (string.Equals(u.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return u;
            }
        }

        throw new FormatException($"'{name}' is not an urgency level (high, medium, low).");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A label with its probability.</summary>
/// <param name="Label">The label name.</param>
/// <param name="Probability">Its probability, 0..1.</param>
public readonly record struct LabelScore(string Label, double Probability);

/// <summary>What a cue is evidence of.</summary>
public enum CueKind
{
    /// <summary>
    /// A phrase of the documented urgency cue lists (TAXONOMY.md situations) found in the text; a high-situation
    /// phrase stated as absent (幸无人员伤亡, 已脱离生命危险) is not one.
    /// </summary>
    UrgencyPhrase = 0,

    /// <summary>A word or character n-gram whose model weight pushed the decision toward its label.</summary>
    ModelTerm = 1,
}

/// <summary>Evidence behind a decision, for a clerk to see why.</summary>
/// <param name="Text">The phrase or n-gram (word n-grams are joined without separators).</param>
/// <param name="Kind">Cue list phrase or model term.</param>
/// <param name="Label">What it supports: an urgency category (e.g. <c>fire-gas</c>) or a label name.</param>
/// <param name="Weight">For model terms, the contribution to the label's score; for phrases, 1.</param>
public sealed record Cue(string Text, CueKind Kind, string Label, double Weight);
