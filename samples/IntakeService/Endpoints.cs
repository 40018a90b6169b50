using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TextInsight.Batching;
using TextInsight.Classification;
using TextInsight.Privacy;

namespace IntakeService;

/// <summary>
/// The classification endpoints. Message texts carry personal data: they are never logged, only ids, sizes, decisions
/// and timings are.
/// </summary>
internal static partial class Endpoints
{
    private const string NdjsonType = "application/x-ndjson";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary><c>POST /v1/classify</c>: one message in, its classification out.</summary>
    internal static async Task<IResult> Classify(HttpContext context, FeedbackClassifier classifier, IOptions<IntakeOptions> options, ILoggerFactory loggers,
        bool maskPii = false)
    {
        IntakeOptions limits = options.Value;
        (ClassifyRequest? request, IResult? refused) = await ReadMessage<ClassifyRequest>(context, limits);
        if (refused is not null)
        {
            return refused;
        }

        if (Invalid(request, limits) is ProblemDetails problem)
        {
            return Results.Problem(problem);
        }

        long start = Stopwatch.GetTimestamp();
        ClassifyResponse response = Respond(request!, classifier, maskPii);
        double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        ILogger logger = loggers.CreateLogger("IntakeService.Classify");
        Log.Classified(logger, request!.Id, request.Text!.Length, response.Primary, response.Urgency, milliseconds);
        return Results.Ok(response);
    }

    /// <summary>
    /// <c>POST /v1/classify/batch</c>: a JSON array or NDJSON in; NDJSON out, one line per input message in input order,
    /// streamed a chunk at a time.
    /// </summary>
    internal static async Task ClassifyBatch(HttpContext context, FeedbackClassifier classifier, IOptions<IntakeOptions> options, ILoggerFactory loggers,
        bool maskPii = false)
    {
        IntakeOptions limits = options.Value;
        bool ndjson = context.Request.ContentType?.StartsWith(NdjsonType, StringComparison.OrdinalIgnoreCase) == true;
        if (!ndjson && !context.Request.HasJsonContentType())
        {
            await WriteProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"send a JSON array (application/json) or one message per line ({NdjsonType}), not '{context.Request.ContentType ?? "(none)"}'");
            return;
        }

        if (context.Request.ContentLength > limits.MaxBatchBodyBytes)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the body is over the limit of {limits.MaxBatchBodyBytes} bytes");
            return;
        }

        // The limit is counted as the body is read (LimitedStream), so the messages before it are answered; Kestrel's own
        // limit (30 MB by default, enforced as bytes arrive) would refuse a large batch before its first message.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        Stream body = new LimitedStream(context.Request.Body, limits.MaxBatchBodyBytes);
        IAsyncEnumerator<BatchItem> items = (ndjson ? ReadNdjson(body, context.RequestAborted) : ReadArray(body, context.RequestAborted)).GetAsyncEnumerator(context.RequestAborted);
        bool any;
        try
        {
            any = await items.MoveNextAsync(); // a body that is not a JSON array at all is refused before anything is written
        }
        catch (JsonException e)
        {
            await WriteProblemAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON", "the body is not a JSON array of messages: " + e.Message);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await WriteProblemAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request", e.Message);
            return;
        }

        context.Response.ContentType = NdjsonType;
        ILogger logger = loggers.CreateLogger("IntakeService.Batch");
        long start = Stopwatch.GetTimestamp();
        int count = 0, failed = 0;
        var chunk = new List<BatchItem>(limits.BatchChunk);
        try
        {
            while (any)
            {
                chunk.Add(items.Current);
                any = await items.MoveNextAsync();
                if (chunk.Count == limits.BatchChunk || !any)
                {
                    failed += await WriteChunkAsync(context.Response, chunk, classifier, limits, maskPii, context.RequestAborted);
                    count += chunk.Count;
                    chunk.Clear();
                }
            }
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException)
        {
            // The rest of the body cannot be read: what was read is answered, then one line says where reading stopped.
            failed += await WriteChunkAsync(context.Response, chunk, classifier, limits, maskPii, context.RequestAborted);
            count += chunk.Count;
            int status = e is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(Line(new BatchError(count, null, ProblemOf(status, status == 413 ? "Payload too large" : "Malformed JSON",
                $"reading stopped after {count} messages: " + e.Message))), context.RequestAborted);
            failed++;
        }
        finally
        {
            await items.DisposeAsync();
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Log.BatchDone(logger, count, failed, elapsed);
    }

    private sealed record BatchItem(int Index, ClassifyRequest? Request, ProblemDetails? Problem);

    // Classifies a chunk in parallel and writes one line per item, in order; returns how many were error lines.
    private static async Task<int> WriteChunkAsync(HttpResponse response, List<BatchItem> chunk, FeedbackClassifier classifier, IntakeOptions limits, bool maskPii,
        CancellationToken cancel)
    {
        object[] lines = [.. OrderedParallel.Map(chunk, item =>
        {
            ProblemDetails? problem = item.Problem ?? Invalid(item.Request, limits);
            if (problem is not null)
            {
                return (object)new BatchError(item.Index, item.Request?.Id, problem);
            }

            return Respond(item.Request!, classifier, maskPii);
        }, maxDegreeOfParallelism: 0, chunkSize: Math.Max(1, chunk.Count))];
        var text = new StringBuilder();
        foreach (object line in lines)
        {
            text.Append(Line(line));
        }

        await response.WriteAsync(text.ToString(), cancel);
        await response.Body.FlushAsync(cancel);
        return lines.Count(l => l is BatchError);
    }

    // A valid request classified; with maskPii, its text masked too.
    private static ClassifyResponse Respond(ClassifyRequest request, FeedbackClassifier classifier, bool maskPii) =>
        ClassifyResponse.From(request, classifier.Classify(request.Title, request.Text!), maskPii ? PiiDetector.Mask(request.Text).Text : null);

    // One NDJSON line.
    private static string Line(object value) => JsonSerializer.Serialize(value, value.GetType(), s_json) + "\n";

    private static async IAsyncEnumerable<BatchItem> ReadArray(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        int index = 0;
        await foreach (JsonElement element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, s_json, cancel))
        {
            yield return Item(index++, () => element.Deserialize<ClassifyRequest>(s_json));
        }
    }

    private static async IAsyncEnumerable<BatchItem> ReadNdjson(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        int index = 0;
        while (await reader.ReadLineAsync(cancel) is string line)
        {
            if (line.Trim().Length > 0)
            {
                yield return Item(index++, () => JsonSerializer.Deserialize<ClassifyRequest>(line, s_json));
            }
        }
    }

    private static BatchItem Item(int index, Func<ClassifyRequest?> read)
    {
        try
        {
            return new BatchItem(index, read(), null);
        }
        catch (JsonException e)
        {
            return new BatchItem(index, null, ProblemOf(StatusCodes.Status400BadRequest, "Malformed JSON", "the item is not a JSON message object: " + e.Message));
        }
    }

    // What is wrong with a parsed request, or null when it can be classified.
    private static ProblemDetails? Invalid(ClassifyRequest? request, IntakeOptions limits)
    {
        if (request is null)
        {
            return ProblemOf(StatusCodes.Status400BadRequest, "Missing message", "send a JSON object with a \"text\" member");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return ProblemOf(StatusCodes.Status400BadRequest, "Missing text", "\"text\" is required and must not be empty or whitespace");
        }

        return request.Text.Length > limits.MaxTextChars
            ? ProblemOf(StatusCodes.Status413PayloadTooLarge, "Text too long", $"\"text\" has {request.Text.Length} characters; the limit is {limits.MaxTextChars}")
            : null;
    }

    /// <summary>Reads one JSON message object from the body, within the body limit; or the problem that refuses it.</summary>
    private static async Task<(T? Value, IResult? Problem)> ReadMessage<T>(HttpContext context, IntakeOptions limits)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"send the message as application/json, not '{context.Request.ContentType ?? "(none)"}'"));
        }

        if (context.Request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, BodyTooLarge(limits.MaxBodyBytes));
        }

        using var body = new MemoryStream();
        try
        {
            await new LimitedStream(context.Request.Body, limits.MaxBodyBytes).CopyToAsync(body, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, BodyTooLarge(limits.MaxBodyBytes));
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(body.GetBuffer().AsSpan(0, (int)body.Length), s_json), null);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", "the body is not a JSON message object: " + e.Message));
        }
    }

    private static IResult BodyTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"the body is over the limit of {limit} bytes");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(ProblemOf(status, title, detail));

    private static ProblemDetails ProblemOf(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://httpwg.org/specs/rfc9110.html#status.{status}",
    };

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(ProblemOf(status, title, detail)).ExecuteAsync(context);

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "classified {Id} ({Chars} chars): {Primary}/{Urgency} in {Milliseconds:0.0} ms")]
        internal static partial void Classified(ILogger logger, string? id, int chars, string primary, string urgency, double milliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "batch of {Count} messages ({Failed} error lines) in {Milliseconds:0} ms")]
        internal static partial void BatchDone(ILogger logger, int count, int failed, double milliseconds);

        [LoggerMessage(Level = LogLevel.Information, Message = "grouped {Id} ({Chars} chars) into issue {Issue} of {Size} messages in {Milliseconds:0.0} ms")]
        internal static partial void Grouped(ILogger logger, string? id, int chars, int issue, int size, double milliseconds);
    }
}

/// <summary>A read-only view of a stream that fails with 413 once more than a limit of bytes has been read.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new BadHttpRequestException($"the body grew past the limit of {limit} bytes while it was read", StatusCodes.Status413PayloadTooLarge) : read;
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
