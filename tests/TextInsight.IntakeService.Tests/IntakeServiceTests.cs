using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TextInsight.Classification;

namespace TextInsight.IntakeService.Tests;

/// <summary>The intake service in process: every endpoint, and every bad input answered with problem details, never a 500.</summary>
public sealed class IntakeServiceTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string PropertyFee = "物业公司把停车费从每月100元涨到200元，多次反映无果。";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    [Fact]
    public async Task A_message_is_classified_as_the_library_classifies_it()
    {
        HttpResponseMessage response = await factory.CreateClient().PostAsync("/v1/classify", Json($$"""{"id": "m1", "title": "小区物业乱收费", "text": "{{PropertyFee}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement r = await response.Content.ReadFromJsonAsync<JsonElement>();
        FeedbackResult expected = FeedbackClassifier.LoadDefault().Classify("小区物业乱收费", PropertyFee);
        Assert.Equal("m1", r.GetProperty("id").GetString());
        Assert.Equal(expected.Primary.Name, r.GetProperty("primary").GetString());
        Assert.Equal(expected.Urgency.Name, r.GetProperty("urgency").GetString());
        Assert.Equal(expected.Topics.Select(t => t.Name), r.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(expected.Confidence, r.GetProperty("confidence").GetDouble());
        Assert.Equal(expected.UrgencyScores.Single(s => s.Label == "high").Probability, r.GetProperty("probabilities").GetProperty("urgency").GetProperty("high").GetDouble());
        Assert.Equal(expected.Cues.Select(c => c.Text), r.GetProperty("cues").EnumerateArray().Select(c => c.GetProperty("text").GetString()));
        Assert.Equal("urgencyPhrase", r.GetProperty("cues")[0].GetProperty("kind").GetString());
        Assert.False(r.TryGetProperty("maskedText", out _));
    }

    [Fact]
    public async Task Id_and_title_are_optional_and_masking_personal_data_is_asked_for()
    {
        HttpResponseMessage response = await factory.CreateClient().PostAsync("/v1/classify?maskPii=true", Json("""{"text": "我的电话13812345678，小区停水三天了"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement r = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, r.GetProperty("id").ValueKind);
        string masked = r.GetProperty("maskedText").GetString()!;
        Assert.DoesNotContain("13812345678", masked, StringComparison.Ordinal);
        Assert.Contains("小区停水三天了", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"text\": \"停水\"", "Malformed JSON")]
    [InlineData("not json", "Malformed JSON")]
    [InlineData("{\"id\": \"x\"}", "Missing text")]
    [InlineData("{\"text\": \"  \\u3000 \"}", "Missing text")]
    [InlineData("{\"text\": 42}", "Malformed JSON")]
    [InlineData("null", "Missing message")]
    public async Task Bad_bodies_are_400_problems(string body, string title)
    {
        JsonElement problem = await ProblemOf(await factory.CreateClient().PostAsync("/v1/classify", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var content = new StringContent("小区停水", Encoding.UTF8, "text/plain");
        JsonElement single = await ProblemOf(await factory.CreateClient().PostAsync("/v1/classify", content), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("send application/json, not 'text/plain", single.GetProperty("detail").GetString(), StringComparison.Ordinal);
        JsonElement batch = await ProblemOf(await factory.CreateClient().PostAsync("/v1/classify/batch", new StringContent("小区停水", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/x-ndjson", batch.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_or_body_over_the_configured_limits_is_a_413_problem()
    {
        HttpClient client = factory.WithWebHostBuilder(b => b.UseSetting("Intake:MaxTextChars", "10").UseSetting("Intake:MaxBodyBytes", "200")).CreateClient();

        JsonElement text = await ProblemOf(await client.PostAsync("/v1/classify", Json("""{"text": "小区停水三天了没人管不知道怎么办"}""")), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("the limit is 10", text.GetProperty("detail").GetString(), StringComparison.Ordinal);

        string big = $$"""{"text": "{{new string('水', 100)}}"}""";
        JsonElement body = await ProblemOf(await client.PostAsync("/v1/classify", Json(big)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("200 bytes", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Sent without a Content-Length (the test server adds one, so this checks the body as read; LoopbackLoadTests checks chunked bodies).
        await ProblemOf(await client.PostAsync("/v1/classify", Chunked(big)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_json_array_batch_streams_one_line_per_message_in_order_errors_in_place()
    {
        string body = """[{"id": "a", "text": "小区停水三天了"}, {"id": "b"}, {"id": "c", "title": "征地", "text": "村里征地补偿款被截留"}]""";
        HttpResponseMessage response = await factory.CreateClient().PostAsync("/v1/classify/batch", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        JsonElement[] lines = [.. (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
        Assert.Equal(3, lines.Length);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal(FeedbackClassifier.LoadDefault().Classify("村里征地补偿款被截留").Primary.Name, lines[2].GetProperty("primary").GetString());
        Assert.Equal(1, lines[1].GetProperty("index").GetInt32());
        Assert.Equal("b", lines[1].GetProperty("id").GetString());
        Assert.Equal(400, lines[1].GetProperty("error").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_ndjson_batch_answers_a_malformed_line_in_place_and_goes_on()
    {
        var messages = Enumerable.Range(0, 150).Select(i => i == 70 ? "{\"id\": \"broken\", \"text\": " : $$"""{"id": "n{{i}}", "text": "第{{i}}次反映小区停水"}""");
        var content = new StringContent(string.Join("\n", messages) + "\n", Encoding.UTF8, "application/x-ndjson");
        HttpResponseMessage response = await factory.CreateClient().PostAsync("/v1/classify/batch", content);

        string[] lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(150, lines.Length);
        JsonElement broken = JsonDocument.Parse(lines[70]).RootElement;
        Assert.Equal(70, broken.GetProperty("index").GetInt32());
        Assert.Equal("Malformed JSON", broken.GetProperty("error").GetProperty("title").GetString());
        Assert.Equal(["n0", "n69", "n71", "n149"], new[] { 0, 69, 71, 149 }.Select(i => JsonDocument.Parse(lines[i]).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_batch_body_that_is_not_a_json_array_is_a_400_problem()
    {
        await ProblemOf(await factory.CreateClient().PostAsync("/v1/classify/batch", Json("{\"text\": \"停水\"}")), HttpStatusCode.BadRequest);
        await ProblemOf(await factory.CreateClient().PostAsync("/v1/classify/batch", Json("[{\"text\": ")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_batch_whose_length_is_over_the_body_limit_is_refused_before_reading()
    {
        HttpClient client = factory.WithWebHostBuilder(b => b.UseSetting("Intake:MaxBatchBodyBytes", "40000")).CreateClient();
        string body = "[" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""{"id": "{{i}}", "text": "小区停水"}""")) + "]";
        await ProblemOf(await client.PostAsync("/v1/classify/batch", Json(body)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Health_is_ready_and_the_openapi_document_describes_the_endpoints()
    {
        HttpClient client = factory.CreateClient();
        HttpResponseMessage health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        JsonElement openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        JsonElement paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/classify", out _));
        Assert.True(paths.TryGetProperty("/v1/classify/batch", out _));
    }

    [Fact]
    public async Task Message_texts_never_reach_the_logs()
    {
        var sink = new RecordingLoggerProvider();
        HttpClient client = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink).SetMinimumLevel(LogLevel.Trace))).CreateClient();
        const string secret = "独一无二的投诉内容甲乙丙丁";
        await client.PostAsync("/v1/classify", Json($$"""{"id": "log-1", "text": "{{secret}}，小区停水三天了"}"""));
        await client.PostAsync("/v1/classify/batch", Json($$"""[{"id": "log-2", "text": "{{secret}}"}]"""));
        await client.PostAsync("/v1/classify", Json($$"""{"text": "{{secret}}"""));   // malformed: the problem is not logged with the text either

        Assert.Contains(sink.Lines, l => l.Contains("log-1", StringComparison.Ordinal));   // logging works ...
        Assert.DoesNotContain(sink.Lines, l => l.Contains("甲乙丙丁", StringComparison.Ordinal)); // ... and never holds a text
    }

    // A JSON body without a Content-Length: its size is only known while it is read.
    private static StreamContent Chunked(string json)
    {
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        return content;
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
