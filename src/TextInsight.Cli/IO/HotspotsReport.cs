using System.Globalization;
using System.Net;
using System.Text;
using TextInsight.Grouping;
using TextInsight.Privacy;

namespace TextInsight.Cli.IO;

/// <summary>
/// The self-contained HTML report of <c>textinsight hotspots</c>: top issues by heat (label, size, weekly sparkline,
/// urgency, topic, masked representative message, the issue's messages behind a click) and messages per topic per
/// week. Inline CSS and SVG only: no script, no network, opens from a file or an e-mail attachment.
/// </summary>
internal static class HotspotsReport
{
    /// <summary>One grouped message as the report shows it.</summary>
    internal sealed record Message(string Id, DateTimeOffset? Time, string? Title, string Text, string Topic, string Urgency);

    /// <summary>What the report covers besides the issues.</summary>
    internal sealed record Facts(string Input, int Rows, int Grouped, int Errors, int BeforeSince, DateTimeOffset? Since, DateTimeOffset AsOf);

    private const int SparklineWeeks = 12;
    private const int MaxChartWeeks = 52;

    private static readonly string[] Topics = ["livelihood", "land", "employment", "style", "other"];

    private static readonly Dictionary<string, (string Colour, string Name)> TopicStyle = new(StringComparer.Ordinal)
    {
        ["livelihood"] = ("#4e79a7", "民生 livelihood"),
        ["land"] = ("#59a14f", "土地 land"),
        ["employment"] = ("#f28e2b", "就业 employment"),
        ["style"] = ("#e15759", "作风 style"),
        ["other"] = ("#9c9c9c", "其他 other"),
    };

    internal static string Render(IReadOnlyList<Issue> top, int issueCount, int repeatedIssues, IReadOnlyDictionary<string, Message> messages, Facts facts)
    {
        var html = new StringBuilder();
        DateTimeOffset? first = messages.Values.Select(m => m.Time).Where(t => t.HasValue).DefaultIfEmpty().Min();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>热点问题 Hot issues · TextInsight</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n")
            .Append("<h1>热点问题 <span>Hot issues</span></h1>\n<p class=\"facts\">")
            .Append(Invariant($"{facts.Grouped:N0} messages"))
            .Append(first is { } f ? Invariant($" from {f:yyyy-MM-dd} to {facts.AsOf:yyyy-MM-dd}") : "")
            .Append(Invariant($" · {issueCount:N0} issues, {repeatedIssues:N0} raised more than once · heat as of {facts.AsOf:yyyy-MM-dd HH:mm}"))
            .Append("</p>\n</header>\n<main>\n");

        html.Append("<section id=\"top\">\n<h2>").Append(Invariant($"Top {top.Count} issues by heat")).Append("</h2>\n")
            .Append("<table class=\"issues\">\n<thead><tr><th>#</th><th>Issue</th><th class=\"n\">Messages</th><th>Last 12 weeks</th><th>Urgency</th><th>Topic</th><th class=\"n\">Heat</th></tr></thead>\n<tbody>\n");
        for (int rank = 0; rank < top.Count; rank++)
        {
            AppendIssue(html, rank + 1, top[rank], messages, facts.AsOf);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
        html.Append("<section id=\"weekly\">\n<h2>Messages per topic per week</h2>\n");
        AppendWeeklyChart(html, messages.Values, facts.AsOf);
        html.Append("</section>\n</main>\n<footer>\n<p><b>Heat</b> = ln(1 + messages) + 2·ln(1 + messages of the last 7 days) + max(0, log2((1 + last 7 days) / (1 + the 7 days before))) + 2·(share of high-urgency messages). ")
            .Append("Issues group messages about the same place or object and the same problem (TextInsight's same-issue model); topics and urgency come from its default classifier. Phone numbers, ID and bank-card numbers, plates and e-mail addresses are masked.</p>\n<p>")
            .Append(Encode(Path.GetFileName(facts.Input)))
            .Append(Invariant($": {facts.Rows:N0} rows, {facts.Grouped:N0} grouped, {facts.Errors:N0} unreadable (listed in the errors file)"))
            .Append(facts.Since is { } since ? Invariant($", {facts.BeforeSince:N0} before {since:yyyy-MM-dd} left out") : "")
            .Append(".</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendIssue(StringBuilder html, int rank, Issue issue, IReadOnlyDictionary<string, Message> messages, DateTimeOffset asOf)
    {
        Message rep = messages[Key(issue.Representative)];
        string urgency = issue.HighestUrgency?.Name ?? "low";
        html.Append(Invariant($"<tr id=\"issue-{issue.Id}\">"))
            .Append(Invariant($"<td class=\"rank\">{rank}</td>"))
            .Append("<td class=\"what\"><div class=\"label\">").Append(Encode(issue.Label.Length > 0 ? issue.Label : "(no words to name it)")).Append("</div>")
            .Append("<div class=\"rep\">").Append(Encode(Excerpt(rep, 140))).Append("</div>")
            .Append("<details><summary>").Append(Invariant($"{issue.Size} message{(issue.Size == 1 ? "" : "s")}")).Append("</summary><ol>");
        foreach (IssueMember member in issue.Members.OrderBy(m => m.Time ?? DateTimeOffset.MaxValue).ThenBy(m => m.Sequence))
        {
            Message m = messages[Key(member)];
            html.Append("<li><time>").Append(m.Time is { } t ? Invariant($"{t:yyyy-MM-dd HH:mm}") : "–").Append("</time> ")
                .Append(Invariant($"<span class=\"urg {m.Urgency}\">{m.Urgency}</span> "))
                .Append("<span class=\"id\">").Append(Encode(m.Id)).Append("</span> ")
                .Append(Encode(Excerpt(m, 300))).Append("</li>");
        }

        html.Append("</ol></details></td>")
            .Append(Invariant($"<td class=\"n\">{issue.Size}<div class=\"sub\">{issue.RecentCount} in 7 days</div></td>"))
            .Append("<td>").Append(Sparkline(issue, messages, asOf)).Append("</td>")
            .Append(Invariant($"<td><span class=\"urg {urgency}\">{urgency}</span></td>"))
            .Append("<td>").Append(Encode(TopicStyle.GetValueOrDefault(issue.Primary?.Name ?? "other", ("", issue.Primary?.Name ?? "other")).Item2)).Append("</td>")
            .Append(Invariant($"<td class=\"n heat\">{issue.Heat:0.0}</td></tr>\n"));
    }

    private static string Key(IssueMember m) => m.Sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Masked title and text, cut at <paramref name="max"/> characters.</summary>
    private static string Excerpt(Message m, int max)
    {
        string text = string.IsNullOrWhiteSpace(m.Title) ? m.Text : m.Title + "：" + m.Text;
        text = PiiDetector.Mask(text).Text.ReplaceLineEndings(" ");
        if (text.Length <= max)
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut] + "…";
    }

    /// <summary>Weekly message counts of the issue over the last 12 weeks, as a small inline SVG polyline.</summary>
    private static string Sparkline(Issue issue, IReadOnlyDictionary<string, Message> messages, DateTimeOffset asOf)
    {
        var counts = new int[SparklineWeeks];
        foreach (IssueMember m in issue.Members)
        {
            int weeksAgo = (int)Math.Floor((asOf - (m.Time ?? asOf)).TotalDays / 7);
            if (weeksAgo >= 0 && weeksAgo < SparklineWeeks)
            {
                counts[SparklineWeeks - 1 - weeksAgo]++;
            }
        }

        const double width = 120, height = 28;
        int max = Math.Max(1, counts.Max());
        string points = string.Join(" ", counts.Select((c, i) => Invariant($"{i * width / (SparklineWeeks - 1):0.#},{height - 2 - (c * (height - 4) / max):0.#}")));
        string title = string.Join(", ", counts);
        return Invariant($"<svg class=\"spark\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"messages per week, oldest first: {title}\"><title>messages per week, oldest first: {title}</title><polyline points=\"{points}\"/></svg>");
    }

    /// <summary>Stacked bars: messages per topic per week (weeks ending at the reference time), with a legend.</summary>
    private static void AppendWeeklyChart(StringBuilder html, IEnumerable<Message> messages, DateTimeOffset asOf)
    {
        var weeks = new SortedDictionary<int, int[]>();
        foreach (Message m in messages)
        {
            int weeksAgo = (int)Math.Floor((asOf - (m.Time ?? asOf)).TotalDays / 7);
            if (weeksAgo < 0 || weeksAgo >= MaxChartWeeks)
            {
                continue;
            }

            if (!weeks.TryGetValue(-weeksAgo, out int[]? byTopic))
            {
                weeks[-weeksAgo] = byTopic = new int[Topics.Length];
            }

            byTopic[Math.Max(0, Array.IndexOf(Topics, m.Topic))]++;
        }

        int oldest = weeks.Count == 0 ? 0 : weeks.Keys.First();
        int n = 1 - oldest;
        const double chartHeight = 220, left = 40, bottom = 30, top = 10;
        double barWidth = Math.Clamp(760.0 / n, 6, 40);
        double width = left + (n * barWidth) + 10;
        int max = Math.Max(1, weeks.Values.Select(w => w.Sum()).DefaultIfEmpty().Max());
        double scale = (chartHeight - bottom - top) / max;
        html.Append(Invariant($"<svg class=\"chart\" width=\"{width:0}\" height=\"{chartHeight}\" viewBox=\"0 0 {width:0} {chartHeight}\" role=\"img\" aria-label=\"messages per topic per week\">"));
        html.Append(Invariant($"<line x1=\"{left}\" y1=\"{chartHeight - bottom}\" x2=\"{width - 5:0}\" y2=\"{chartHeight - bottom}\" class=\"axis\"/>"));
        html.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + 4}\" class=\"tick\" text-anchor=\"end\">{max}</text><text x=\"{left - 6}\" y=\"{chartHeight - bottom}\" class=\"tick\" text-anchor=\"end\">0</text>"));
        for (int w = oldest; w <= 0; w++)
        {
            double x = left + ((w - oldest) * barWidth) + 1;
            double y = chartHeight - bottom;
            int[] byTopic = weeks.GetValueOrDefault(w) ?? new int[Topics.Length];
            DateTimeOffset weekEnd = asOf.AddDays(7 * w);
            for (int t = 0; t < Topics.Length; t++)
            {
                if (byTopic[t] == 0)
                {
                    continue;
                }

                double h = byTopic[t] * scale;
                y -= h;
                html.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth - 2:0.#}\" height=\"{h:0.#}\" fill=\"{TopicStyle[Topics[t]].Colour}\"><title>week to {weekEnd:yyyy-MM-dd}: {byTopic[t]} {Topics[t]}</title></rect>"));
            }

            if ((w - oldest) % Math.Max(1, n / 8) == 0 || w == 0)
            {
                html.Append(Invariant($"<text x=\"{x + (barWidth / 2):0.#}\" y=\"{chartHeight - bottom + 16}\" class=\"tick\" text-anchor=\"middle\">{weekEnd:MM-dd}</text>"));
            }
        }

        html.Append("</svg>\n<ul class=\"legend\">");
        foreach (string t in Topics)
        {
            html.Append(Invariant($"<li><span style=\"background:{TopicStyle[t].Colour}\"></span>")).Append(Encode(TopicStyle[t].Name)).Append("</li>");
        }

        html.Append("</ul>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);

    private const string Css = """
        body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 0; color: #1d2733; background: #f6f7f9; }
        header { background: #1f3a5f; color: #fff; padding: 18px 28px; }
        header h1 { margin: 0; font-size: 24px; } header h1 span { font-weight: normal; opacity: .8; }
        .facts { margin: 6px 0 0; opacity: .9; }
        main { padding: 8px 28px 20px; }
        h2 { font-size: 18px; margin: 18px 0 8px; }
        table.issues { border-collapse: collapse; width: 100%; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
        .issues th, .issues td { padding: 8px 10px; border-bottom: 1px solid #e3e6ea; vertical-align: top; text-align: left; }
        .issues th { background: #eef1f5; font-size: 13px; }
        .n { text-align: right !important; white-space: nowrap; } .sub { font-size: 12px; color: #6b7785; }
        .rank { font-weight: bold; color: #6b7785; } .heat { font-weight: bold; }
        .label { font-weight: bold; font-size: 15px; } .rep { color: #3c4856; font-size: 13px; margin-top: 3px; }
        details { margin-top: 4px; font-size: 13px; } summary { cursor: pointer; color: #1f5fa8; }
        details ol { margin: 6px 0; padding-left: 20px; } details li { margin: 3px 0; } time, .id { color: #6b7785; }
        .urg { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; color: #fff; background: #8a96a3; }
        .urg.high { background: #c62828; } .urg.medium { background: #e08a00; }
        svg.spark polyline { fill: none; stroke: #1f5fa8; stroke-width: 1.8; }
        svg.chart { background: #fff; } .axis { stroke: #8a96a3; } .tick { font-size: 11px; fill: #6b7785; }
        ul.legend { list-style: none; padding: 0; display: flex; gap: 16px; font-size: 13px; }
        ul.legend span { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: middle; }
        footer { padding: 4px 28px 24px; font-size: 12px; color: #6b7785; }

        """;
}
