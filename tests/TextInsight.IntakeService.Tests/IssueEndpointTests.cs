using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TextInsight.Classification;
using TextInsight.Grouping;

namespace TextInsight.IntakeService.Tests;

/// <summary>The repeated-complaint endpoints: messages posted one at a time join the issues the library gives them; the hot list ranks them by heat.</summary>
public sealed class IssueEndpointTests
{
    /// <summary>samples/issues.csv (our own messages): id, time, title, text, unquoted.</summary>
    private static readonly string[][] Samples = [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "issues.csv")).Skip(1).Select(l => l.Split(',', 4))];

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Messages_posted_one_by_one_join_the_issues_the_library_gives_them_and_the_hot_list_ranks_them()
    {
        using var factory = new WebApplicationFactory<Program>();
        HttpClient client = factory.CreateClient();
        var library = new IssueGrouper();
        FeedbackClassifier classifier = FeedbackClassifier.LoadDefault();
        foreach (string[] f in Samples)
        {
            var time = DateTimeOffset.Parse(f[1] + "Z", System.Globalization.CultureInfo.InvariantCulture);
            HttpResponseMessage response = await client.PostAsync("/v1/issues", Json(new { id = f[0], time, title = f[2], text = f[3] }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement r = await response.Content.ReadFromJsonAsync<JsonElement>();

            int expected = library.Add(new IssueMessage(f[0], f[3], f[2], time), classifier.Classify(f[2], f[3]));
            Assert.Equal(f[0], r.GetProperty("id").GetString());
            Assert.Equal(expected, r.GetProperty("issue").GetInt32());
            Assert.Equal(library.GetIssue(expected).Size, r.GetProperty("issueSize").GetInt32());
            Assert.Equal(library.GetIssue(expected).Label, r.GetProperty("issueLabel").GetString());
        }

        JsonElement[] hot = [.. (await client.GetFromJsonAsync<JsonElement>("/v1/issues/hot?top=3&minSize=2")).EnumerateArray()];
        Issue[] expectedHot = [.. library.Issues(minSize: 2).OrderByDescending(i => i.Heat).ThenByDescending(i => i.Size).ThenBy(i => i.Id).Take(3)];
        Assert.Equal(expectedHot.Select(i => i.Id), hot.Select(h => h.GetProperty("issue").GetInt32()));
        Assert.Equal(expectedHot.Select(i => i.Heat), hot.Select(h => h.GetProperty("heat").GetDouble()));
        Assert.Equal(expectedHot.Select(i => i.HighestUrgency?.Name), hot.Select(h => h.GetProperty("highestUrgency").GetString()));
        Assert.All(hot, h => Assert.True(h.GetProperty("size").GetInt32() >= 2));
    }

    [Fact]
    public async Task Bad_messages_and_queries_get_problem_details()
    {
        using var factory = new WebApplicationFactory<Program>();
        HttpClient client = factory.CreateClient();

        foreach (string body in new[] { "{\"text\": \"  \"}", "{\"text\": \"停水\", \"time\": \"yesterday\"}", "[1, 2]", "not json" })
        {
            HttpResponseMessage response = await client.PostAsync("/v1/issues", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        HttpResponseMessage plain = await client.PostAsync("/v1/issues", new StringContent("停水", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v1/issues/hot?top=0")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/v1/issues/hot")).EnumerateArray());
    }

    [Fact]
    public async Task Messages_older_than_the_retention_are_no_longer_compared()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Intake:IssueRetentionDays", "7"));
        HttpClient client = factory.CreateClient();
        string[] night = Samples.Single(f => f[0] == "H008");
        var time = DateTimeOffset.Parse(night[1] + "Z", System.Globalization.CultureInfo.InvariantCulture);

        async Task<int> Post(string id, DateTimeOffset at)
        {
            HttpResponseMessage response = await client.PostAsync("/v1/issues", Json(new { id, time = at, title = night[2], text = night[3] }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issue").GetInt32();
        }

        int first = await Post("a", time);
        Assert.Equal(first, await Post("b", time.AddDays(6)));      // within 7 days of the latest message: compared, joins
        int later = await Post("c", time.AddDays(30));              // a and b are forgotten before c is grouped
        Assert.NotEqual(first, later);
        Assert.Equal(later, await Post("d", time.AddDays(31)));
        JsonElement[] hot = [.. (await client.GetFromJsonAsync<JsonElement>("/v1/issues/hot?minSize=2")).EnumerateArray()];
        Assert.Equal([2, 2], hot.Select(h => h.GetProperty("size").GetInt32()).Order());   // forgotten messages still count in their issue
    }
}
