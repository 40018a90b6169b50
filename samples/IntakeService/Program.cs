using System.Text.Json;
using IntakeService;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddTextInsight(o => builder.Configuration.GetSection("TextInsight").Bind(o));
builder.Services.AddOptions<IntakeOptions>().Bind(builder.Configuration.GetSection("Intake"))
    .Validate(o => o.MaxTextChars > 0 && o.MaxBodyBytes > 0 && o.MaxBatchBodyBytes > 0 && o.BatchChunk > 0 && o.IssueRetentionDays > 0, "Intake limits must be positive.")
    .ValidateOnStart();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
{
    // Routing refuses another content type before an endpoint runs; say what it takes.
    if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
    {
        string accepted = context.HttpContext.Request.Path.StartsWithSegments("/v1/classify/batch") ? "application/json (an array) or application/x-ndjson" : "application/json";
        context.ProblemDetails.Detail = $"send {accepted}, not '{context.HttpContext.Request.ContentType ?? "(no content type)"}'";
    }
});
// One grouper for the life of the process: issues accumulate as messages arrive (created, and its model loaded, at start-up).
builder.Services.AddSingleton(_ => new TextInsight.Grouping.IssueGrouper());
builder.Services.AddSingleton<IssueRetention>();
builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model");
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);

WebApplication app = builder.Build();
// Unhandled errors and bad requests (a body over Kestrel's limit, an unreadable body) become RFC 7807 problem details.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthChecks("/health");

app.MapPost("/v1/classify", Endpoints.Classify)
    .WithSummary("Classify one message")
    .WithDescription("Body: {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\"} (id and title optional). ?maskPii=true also returns the text with personal data masked.")
    .Accepts<ClassifyRequest>("application/json")
    .Produces<ClassifyResponse>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
    .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
app.MapPost("/v1/classify/batch", Endpoints.ClassifyBatch)
    .WithSummary("Classify many messages, streamed")
    .WithDescription("Body: a JSON array of messages (application/json) or one message per line (application/x-ndjson). "
        + "Response: NDJSON, one line per input message in input order: a classification, or {\"index\", \"id\", \"error\"} for a message that could not be classified.")
    .Accepts<ClassifyRequest[]>("application/json", "application/x-ndjson")
    .Produces<ClassifyResponse>(StatusCodes.Status200OK, "application/x-ndjson")
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
    .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

app.MapPost("/v1/issues", Endpoints.AddToIssue)
    .WithSummary("Group one message into an issue")
    .WithDescription("Body: {\"id\", \"title\", \"text\", \"time\"} (id, title, time optional). The message is classified and joins the issue it repeats, or opens a new one.")
    .Accepts<IssueRequest>("application/json")
    .Produces<IssueResponse>()
    .ProducesProblem(StatusCodes.Status400BadRequest)
    .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
    .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
app.MapGet("/v1/issues/hot", Endpoints.HotIssues)
    .WithSummary("The hottest issues")
    .WithDescription("?top=20&minSize=1: issues by heat (volume, this week's volume, growth, urgency).")
    .Produces<IssueSummary[]>()
    .ProducesProblem(StatusCodes.Status400BadRequest);

// Resolve the grouper while the host starts, so the first message does not wait for the same-issue model.
app.Services.GetRequiredService<TextInsight.Grouping.IssueGrouper>();
app.Run();

/// <summary>The intake service's entry point (public for in-process tests).</summary>
public partial class Program;
