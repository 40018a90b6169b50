namespace IntakeService;

/// <summary>Limits of the intake service (configuration section <c>Intake</c>, e.g. <c>--Intake:MaxTextChars=20000</c>).</summary>
public sealed class IntakeOptions
{
    /// <summary>Longest message text accepted, in characters; a longer one is refused with 413.</summary>
    public int MaxTextChars { get; set; } = 50_000;

    /// <summary>Largest request body of <c>POST /v1/classify</c>, in bytes; a larger one is refused with 413.</summary>
    public long MaxBodyBytes { get; set; } = 1_000_000;

    /// <summary>Largest request body of <c>POST /v1/classify/batch</c>, in bytes.</summary>
    public long MaxBatchBodyBytes { get; set; } = 200_000_000;

    /// <summary>Messages of a batch read ahead and classified in parallel before their results are written.</summary>
    public int BatchChunk { get; set; } = 64;

    /// <summary>
    /// Days of messages new ones are compared with (default 90): older messages stay in their issues but are forgotten
    /// for comparison, so the grouper's memory stays bounded however long the service runs.
    /// </summary>
    public int IssueRetentionDays { get; set; } = 90;
}
