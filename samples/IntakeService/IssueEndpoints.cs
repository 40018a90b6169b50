using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TextInsight.Classification;
using TextInsight.Grouping;

namespace IntakeService;

/// <summary>
/// Repeated complaints: each message posted to <c>/v1/issues</c> is classified and joins an issue of the service's one
/// <see cref="IssueGrouper"/> (kept in memory for the life of the process, comparing new messages with those of the last
/// <see cref="IntakeOptions.IssueRetentionDays"/>); <c>/v1/issues/hot</c> ranks the issues by heat.
/// </summary>
internal static partial class Endpoints
{
    /// <summary><c>POST /v1/issues</c>: one message in; its issue (existing or new), the issue's size and label, and its classification out.</summary>
    internal static async Task<IResult> AddToIssue(HttpContext context, FeedbackClassifier classifier, IssueGrouper grouper, IssueRetention retention,
        IOptions<IntakeOptions> options, ILoggerFactory loggers)
    {
        IntakeOptions limits = options.Value;
        (IssueRequest? request, IResult? refused) = await ReadMessage<IssueRequest>(context, limits);
        if (refused is not null)
        {
            return refused;
        }

        if (Invalid(request is null ? null : new ClassifyRequest(request.Id, request.Title, request.Text), limits) is ProblemDetails problem)
        {
            return Results.Problem(problem);
        }

        long start = Stopwatch.GetTimestamp();
        FeedbackResult classification = classifier.Classify(request!.Title, request.Text!);
        DateTimeOffset time = request.Time ?? DateTimeOffset.UtcNow;
        retention.Advance(time);
        int issueId = grouper.Add(new IssueMessage(request.Id ?? "", request.Text, request.Title, time), classification);
        Issue issue = grouper.GetIssue(issueId);
        double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        ILogger logger = loggers.CreateLogger("IntakeService.Issues");
        Log.Grouped(logger, request.Id, request.Text!.Length, issueId, issue.Size, milliseconds);
        return Results.Ok(new IssueResponse(request.Id, issueId, issue.Size, issue.Label, classification.Primary.Name, classification.Urgency.Name));
    }

    /// <summary><c>GET /v1/issues/hot</c>: the issues with the highest heat now.</summary>
    internal static IResult HotIssues(IssueGrouper grouper, int top = 20, int minSize = 1)
    {
        if (top is < 1 or > 1000 || minSize < 1)
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad query", "top must be in 1..1000 and minSize at least 1");
        }

        IssueSummary[] hot = [.. grouper.Issues(minSize: minSize)
            .OrderByDescending(i => i.Heat).ThenByDescending(i => i.Size).ThenBy(i => i.Id)
            .Take(top)
            .Select(IssueSummary.From)];
        return Results.Ok(hot);
    }
}
