using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TextInsight.Classification;
using Xunit.Abstractions;

namespace TextInsight.IntakeService.Tests;

/// <summary>The intake service started as its own process on a free loopback port (batch bodies limited to 40,000 bytes), once for the class.</summary>
public sealed class LoopbackService : IAsyncLifetime
{
    internal const long BatchLimit = 40_000;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();
    private Process? _service;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Whether the service is up; the tests fail with <see cref="Log"/> when it is not.</summary>
    public bool Started => _service is { HasExited: false };

    public async Task InitializeAsync()
    {
        // A free port can be taken by another process between choosing and binding it: a start that fails is retried on another.
        for (int attempt = 1; ; attempt++)
        {
            if (await TryStartAsync() || attempt == 3)
            {
                return;
            }
        }
    }

    private async Task<bool> TryStartAsync()
    {
        int port = FreePort();
        string dll = Path.Combine(AppContext.BaseDirectory, "IntakeService.dll");
        _log.Enqueue($"-- starting on port {port}");
        _service = Process.Start(new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", $"--Intake:MaxBatchBodyBytes={BatchLimit}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment = { ["Logging__LogLevel__Default"] = "Warning" },
        })!;
        _service.OutputDataReceived += (_, e) => _log.Enqueue(e.Data ?? "");
        _service.ErrorDataReceived += (_, e) => _log.Enqueue(e.Data ?? "");
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();
        Client?.Dispose();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_service.HasExited)
            {
                _log.Enqueue($"-- exited with code {_service.ExitCode}");
                return false;
            }

            try
            {
                if ((await Client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        _log.Enqueue("-- not healthy within 90 s");
        _service.Kill(entireProcessTree: true);
        return false;
    }

    /// <summary>The service's console output and start attempts, for failure messages.</summary>
    public string Log => string.Join("\n", _log);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync();
            _service.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The real service over loopback: a bounded load with no errors and every result the one the library gives in process
/// (throughput and latency are printed for the README, never asserted), and a chunked batch crossing the body limit.
/// </summary>
[Trait("Category", "Load")]
public sealed class LoopbackLoadTests(LoopbackService service, ITestOutputHelper output) : IClassFixture<LoopbackService>
{
    private const int Requests = 2000;
    private const int Concurrency = 32;

    [Fact]
    public async Task Two_thousand_requests_thirty_two_at_a_time_all_succeed_with_the_in_process_results()
    {
        Assert.True(service.Started, service.Log);
        string[] texts = Messages();
        // The in-process results, computed before the clock starts so the client spends its cores on requests only.
        FeedbackResult[] expectedResults = [.. texts.Select(t => FeedbackClassifier.LoadDefault().Classify(t))];
        // Warm-up (not timed): the service's first requests pay for JIT compilation and the pools filling.
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(i => service.Client.PostAsJsonAsync("/v1/classify", new { text = texts[i % texts.Length] })));
        var latencies = new double[Requests];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var gate = new SemaphoreSlim(Concurrency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                string text = texts[i % texts.Length];
                long start = Stopwatch.GetTimestamp();
                HttpResponseMessage response = await service.Client.PostAsJsonAsync("/v1/classify", new { id = $"r{i}", text });
                string body = await response.Content.ReadAsStringAsync();
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"r{i}: {(int)response.StatusCode} {body}");
                    return;
                }

                JsonElement r = JsonDocument.Parse(body).RootElement;
                FeedbackResult expected = expectedResults[i % texts.Length];
                if (r.GetProperty("id").GetString() != $"r{i}" || r.GetProperty("primary").GetString() != expected.Primary.Name
                    || r.GetProperty("urgency").GetString() != expected.Urgency.Name
                    || r.GetProperty("probabilities").GetProperty("urgency").GetProperty("high").GetDouble() != expected.UrgencyScores[0].Probability)
                {
                    failures.Enqueue($"r{i}: {body} differs from the in-process result");
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        clock.Stop();

        Assert.Empty(failures);
        Array.Sort(latencies);
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Requests} requests, {Concurrency} concurrent, {Environment.ProcessorCount} cores: {Requests / clock.Elapsed.TotalSeconds:0} requests/s, p50 {latencies[Requests / 2]:0.0} ms, p99 {latencies[(int)(Requests * 0.99)]:0.0} ms, max {latencies[^1]:0.0} ms"));
    }

    [Fact]
    public async Task A_chunked_batch_crossing_the_body_limit_is_answered_up_to_where_reading_stopped()
    {
        Assert.True(service.Started, service.Log);
        string ndjson = string.Join("\n", Enumerable.Range(0, 3000).Select(i => $$"""{"id": "{{i}}", "text": "小区停水"}"""));
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(ndjson)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/classify/batch") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        HttpResponseMessage response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length is >= 2 and < 3000, string.Join("\n", lines.Take(3)));
        JsonElement last = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(413, last.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal(lines.Length - 1, last.GetProperty("index").GetInt32()); // every message read before the limit was answered, in order
        Assert.Equal("0", JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString());
    }

    // Messages of our own (samples/messages.csv; texts from ../shared stay out of the repo and its tests' payloads alike).
    private static string[] Messages()
    {
        string samples = Path.Combine(AppContext.BaseDirectory, "messages.csv");
        // Each row ends with its quoted text.
        return [.. File.ReadAllLines(samples, Encoding.UTF8).Skip(1).Where(l => l.EndsWith('"')).Select(l => l[(l.IndexOf(",\"", StringComparison.Ordinal) + 2)..^1])];
    }
}
