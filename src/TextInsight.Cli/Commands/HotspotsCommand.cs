using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TextInsight.Cli.IO;
using TextInsight.Grouping;

namespace TextInsight.Cli.Commands;

/// <summary>
/// <c>textinsight hotspots</c>: classifies and groups every message of a file and writes a self-contained HTML report
/// of the hottest issues. Unreadable rows go to an error file, as for <c>classify</c> and <c>group</c>.
/// </summary>
internal static class HotspotsCommand
{
    internal static Command Build()
    {
        var args = new IssueArguments();
        var output = new Option<string>("--output") { Description = "The HTML report to write", Required = true };
        var top = new Option<int>("--top") { Description = "How many issues to show", DefaultValueFactory = _ => 20 };
        var since = new Option<string?>("--since") { Description = "Only messages from this date (yyyy-MM-dd) on" };
        var errors = new Option<string?>("--errors") { Description = "Error rows file (default: OUTPUT.errors.tsv)" };
        var command = new Command("hotspots", "Write an HTML report of the hottest issues: many messages, recent, rising, urgent") { output, top, since, errors };
        args.AddTo(command);
        command.SetAction(p => Run(p, args, p.GetValue(output)!, p.GetValue(top), p.GetValue(since), p.GetValue(errors)));
        return command;
    }

    private static int Run(ParseResult p, IssueArguments args, string output, int top, string? sinceText, string? errorsPath)
    {
        if (top < 1)
        {
            Console.Error.WriteLine("textinsight: error: --top must be at least 1");
            return Program.ExitFailure;
        }

        DateTimeOffset? since = null;
        if (sinceText is not null)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                Console.Error.WriteLine($"textinsight: error: --since '{sinceText}' is not a date (yyyy-MM-dd)");
                return Program.ExitFailure;
            }

            since = parsed;
        }

        var stopwatch = Stopwatch.StartNew();
        string input = p.GetValue(args.Input)!;
        TableFormat format = TableFormats.Resolve(p.GetValue(args.Format), input);
        IssueGrouper grouper = args.Grouper(p);
        FeedbackClassifier classifier = FeedbackClassifier.LoadDefault();
        int threads = p.GetValue(args.Threads);
        IEnumerable<IssueRows.Row> read = IssueRows.Read(input, format, args.Columns(p), out Func<double?> fraction);
        var progress = new ProgressReporter(fraction, "read");

        errorsPath ??= output + ".errors.tsv";
        int rows = 0, errors = 0, beforeSince = 0;
        var messages = new Dictionary<string, HotspotsReport.Message>(StringComparer.Ordinal);
        using (var errorWriter = new TableWriter(CliFiles.OpenOutput(errorsPath), TableFormat.Tsv, ["line", "id", "reason"]))
        {
            IEnumerable<(IssueMessage, FeedbackResult?)> Included()
            {
                foreach ((IssueRows.Row row, FeedbackResult? result) in OrderedParallel.Map(read, r => (r, r.Message is { } m ? classifier.Classify(m.Title, m.Text!) : null), threads))
                {
                    progress.Report(++rows);
                    if (row.Message is not { } m)
                    {
                        errors++;
                        errorWriter.Write([row.Record.Line.ToString(CultureInfo.InvariantCulture), row.Id, row.Error]);
                        continue;
                    }

                    if (since is { } s && m.Time is { } t && t < s)
                    {
                        beforeSince++;
                        continue;
                    }

                    // Keyed by arrival order: ids need not be unique.
                    messages[messages.Count.ToString(CultureInfo.InvariantCulture)] = new HotspotsReport.Message(m.Id, m.Time, m.Title, m.Text!, result!.Primary.Name, result.Urgency.Name);
                    yield return (m, result);
                }
            }

            foreach (int _ in grouper.AddRange(Included(), threads))
            {
            }
        }

        progress.Report(rows, final: true);
        // Heat as of the latest message (the grouper's default reference), which the report also states.
        DateTimeOffset asOf = messages.Values.Select(m => m.Time).Where(t => t.HasValue).DefaultIfEmpty(DateTimeOffset.UtcNow).Max()!.Value;
        IReadOnlyList<Issue> issues = grouper.Issues(asOf);
        Issue[] hottest = [.. issues.OrderByDescending(i => i.Heat).ThenByDescending(i => i.Size).ThenBy(i => i.Id).Take(top)];
        var facts = new HotspotsReport.Facts(input, rows, messages.Count, errors, beforeSince, since, asOf);
        File.WriteAllText(output, HotspotsReport.Render(hottest, issues.Count, issues.Count(i => i.Size >= 2), messages, facts), CliFiles.Utf8NoBom);
        Console.Error.WriteLine(FormattableString.Invariant(
            $"{input}: {rows:N0} rows in {stopwatch.Elapsed.TotalSeconds:0.0} s: {messages.Count:N0} messages in {issues.Count:N0} issues, {errors:N0} errors, {beforeSince:N0} before --since; report → {output}"));
        return errors > 0 ? ClassifyCommand.ExitSomeRowsFailed : 0;
    }
}
