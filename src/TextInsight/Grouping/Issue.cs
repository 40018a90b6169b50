using TextInsight.Classification;

namespace TextInsight.Grouping;

/// <summary>One message of an issue.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="Sequence">Its position in the order messages were added (0-based).</param>
/// <param name="Time">When it arrived, when known.</param>
/// <param name="Primary">Its primary topic, when a classification was given with it.</param>
/// <param name="Urgency">Its urgency, when a classification was given with it.</param>
public sealed record IssueMember(string Id, long Sequence, DateTimeOffset? Time, FeedbackTopic? Primary, UrgencyLevel? Urgency);

/// <summary>
/// One issue: the messages grouped as the same issue and what a desk needs to rank it.
/// </summary>
/// <remarks>
/// <para><see cref="Heat"/> ranks issues by how pressing they are now. With <c>recent</c> the messages of the 7 days up
/// to the reference time, <c>previous</c> those of the 7 days before, and <c>high</c> the share of messages classified
/// high urgency (0 when no classification was given):</para>
/// <para><c>heat = ln(1 + size) + 2·ln(1 + recent) + max(0, log2((1 + recent) / (1 + previous))) + 2·high</c></para>
/// <para>Volume counts once, recent volume twice, growth week on week adds up to one point per doubling, and an
/// issue whose every message is urgent gains as much as one with e^1 - 1 ≈ 1.7 more recent messages.</para>
/// </remarks>
/// <param name="Id">The issue's number: issues are numbered 1, 2, ... as they are first seen.</param>
/// <param name="Members">Its messages, in the order they were added.</param>
/// <param name="Representative">The message closest to the issue's centre: the one to read first.</param>
/// <param name="Label">A short label from the messages' own words: the most shared place or organisation names, then the most shared other keywords.</param>
/// <param name="FirstTime">The earliest message time, when any is known.</param>
/// <param name="LastTime">The latest message time, when any is known.</param>
/// <param name="Primary">The most frequent primary topic of the classified messages (ties: the first seen), or null.</param>
/// <param name="HighestUrgency">The highest urgency of the classified messages, or null.</param>
/// <param name="RecentCount">Messages in the 7 days up to the reference time (messages without a time count as recent).</param>
/// <param name="PreviousCount">Messages in the 7 days before those.</param>
/// <param name="Heat">The heat score (see remarks).</param>
public sealed record Issue(
    int Id,
    IReadOnlyList<IssueMember> Members,
    IssueMember Representative,
    string Label,
    DateTimeOffset? FirstTime,
    DateTimeOffset? LastTime,
    FeedbackTopic? Primary,
    UrgencyLevel? HighestUrgency,
    int RecentCount,
    int PreviousCount,
    double Heat)
{
    /// <summary>How many messages the issue holds.</summary>
    public int Size => Members.Count;

    /// <summary>The heat formula of the remarks, for callers ranking with their own counts.</summary>
    /// <param name="size">Messages in the issue.</param>
    /// <param name="recent">Messages of the last 7 days.</param>
    /// <param name="previous">Messages of the 7 days before.</param>
    /// <param name="highShare">Share of messages of high urgency, in [0, 1].</param>
    /// <returns>The heat.</returns>
    public static double HeatOf(int size, int recent, int previous, double highShare) =>
        Math.Log(1 + size) + 2 * Math.Log(1 + recent) + Math.Max(0, Math.Log2((1.0 + recent) / (1.0 + previous))) + 2 * highShare;
}
