using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using TextInsight.Grouping;
using TextInsight.Tests.Grouping;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary>
/// <c>textinsight hotspots</c>: the HTML report is self-contained, masks personal data, ranks issues as the library
/// does, and renders in a real browser (Debian's chromium, headless) without console errors.
/// </summary>
public sealed partial class HotspotsReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-hotspots").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Report(params string[] extra)
    {
        string report = Path.Combine(_dir, "report.html");
        CliRunner.Result r = CliRunner.Run(null, ["hotspots", "--input", SampleIssues.Path, "--output", report, "--title-column", "title", "--time-column", "time", .. extra]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return report;
    }

    [Fact]
    public void The_report_ranks_issues_by_the_library_heat_and_masks_personal_data()
    {
        string html = File.ReadAllText(Report("--top", "5"));

        // The library's own ranking of the same messages (classified by the default model, grouped by the default grouper).
        FeedbackClassifier classifier = FeedbackClassifier.LoadDefault();
        var grouper = new IssueGrouper();
        foreach (IssueMessage m in SampleIssues.Messages())
        {
            grouper.Add(m, classifier.Classify(m.Title, m.Text!));
        }

        Issue[] expected = [.. grouper.Issues().OrderByDescending(i => i.Heat).ThenByDescending(i => i.Size).ThenBy(i => i.Id).Take(5)];
        Assert.Equal(expected.Select(i => $"issue-{i.Id}"), IssueRow().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(expected.Select(i => System.Net.WebUtility.HtmlEncode(i.Label)), LabelCell().Matches(html).Select(m => m.Groups[1].Value));

        // Every message of a shown issue is one click away (inside its <details>).
        Assert.All(expected.SelectMany(i => i.Members), m => Assert.Contains($"<span class=\"id\">{m.Id}</span>", html, StringComparison.Ordinal));

        // Self-contained, no script; the mobile number of H003 is masked wherever it would show.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=|url\\(|https?:", html);
        Assert.DoesNotContain("13812345678", File.ReadAllText(Report("--top", "30")), StringComparison.Ordinal);
    }

    [Fact]
    public void Since_leaves_older_messages_out_and_says_how_many()
    {
        string html = File.ReadAllText(Report("--since", "2026-11-15"));

        int before = SampleIssues.Messages().Count(m => m.Time < new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains($"{before:N0} before 2026-11-15 left out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"id\">H001</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"id\">H040</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chromium_renders_the_report_without_console_errors_and_the_screenshot_has_content()
    {
        string report = Report("--top", "10");

        (int exit, string dom, string log) = Chromium("--dump-dom", new Uri(report).AbsoluteUri);
        Assert.True(exit == 0, log);
        Assert.DoesNotContain(":CONSOLE", log, StringComparison.Ordinal);
        Assert.Equal(10, IssueRow().Count(dom));
        Assert.Contains("Messages per topic per week", dom, StringComparison.Ordinal);

        string png = Path.Combine(_dir, "report.png");
        (exit, _, log) = Chromium("--window-size=1280,1400", "--hide-scrollbars", "--screenshot=" + png, new Uri(report).AbsoluteUri);
        Assert.True(exit == 0, log);
        byte[] image = File.ReadAllBytes(png);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)));   // PNG IHDR width
        Assert.Equal(1400, BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20)));   // and height
        Assert.True(image.Length > 60_000, $"a {image.Length}-byte screenshot is too plain to hold the report");

        // Chinese glyphs need a CJK font; without one the screenshot shows boxes.
        CliRunner.Result fonts = ProcessRunner.Run("fc-list", _dir, TimeSpan.FromSeconds(60), ":lang=zh", "family");
        Assert.True(fonts.ExitCode == 0 && fonts.StdOut.Trim().Length > 0, "no Chinese font installed (fonts-noto-cjk)");
    }

    private static (int Exit, string StdOut, string StdErr) Chromium(params string[] args)
    {
        var psi = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start (apt-get install chromium)");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 120 s");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [GeneratedRegex("<tr id=\"(issue-\\d+)\"")]
    private static partial Regex IssueRow();

    [GeneratedRegex("<div class=\"label\">([^<]*)</div>")]
    private static partial Regex LabelCell();
}
