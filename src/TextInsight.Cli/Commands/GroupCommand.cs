using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TextInsight.Cli.IO;
using TextInsight.Grouping;

namespace TextInsight.Cli.Commands;

/// <summary>
/// <c>textinsight group</c>: assigns every message of a file to an issue (messages about the same issue share one),
/// in file order. Every input row yields an output row (id, issue, issue_size, issue_label) or an error row.
/// </summary>
internal static class GroupCommand
{
    internal static Command Build()
    {
        var args = new IssueArguments();
        var output = new Option<string>("--output") { Description = "Results: id, issue, issue_size, issue_label per input row, in input order ('-' = stdout)", Required = true };
        var errors = new Option<string?>("--errors") { Description = "Error rows file (default: OUTPUT.errors.tsv, or group.errors.tsv for stdout)" };
        var command = new Command("group", "Group the messages of a file by issue: repeated complaints about the same place and problem share an issue number") { output, errors };
        args.AddTo(command);
        command.SetAction(p => Run(p, args, p.GetValue(output)!, p.GetValue(errors)));
        return command;
    }

    private static int Run(ParseResult p, IssueArguments args, string output, string? errorsPath)
    {
        var stopwatch = Stopwatch.StartNew();
        string input = p.GetValue(args.Input)!;
        TableFormat format = TableFormats.Resolve(p.GetValue(args.Format), input);
        IssueGrouper grouper = args.Grouper(p);
        List<(long Line, string Id, string? Error)> rows = [];
        IEnumerable<IssueRows.Row> read = IssueRows.Read(input, format, args.Columns(p), out Func<double?> fraction);
        var progress = new ProgressReporter(fraction, "read");

        // Rows are kept (line, id and error only: texts are not held) so that sizes, known only at the end, can be written in input order.
        IEnumerable<(IssueMessage, Classification.FeedbackResult?)> Messages()
        {
            foreach (IssueRows.Row row in read)
            {
                rows.Add((row.Record.Line, row.Id, row.Message is null ? row.Error : null));
                progress.Report(rows.Count);
                if (row.Message is not null)
                {
                    yield return (row.Message, null);
                }
            }
        }

        int[] issues = [.. grouper.AddRange(Messages(), p.GetValue(args.Threads))];
        Dictionary<int, Issue> byId = grouper.Issues().ToDictionary(i => i.Id);
        errorsPath ??= output == "-" ? "group.errors.tsv" : output + ".errors.tsv";
        long failed = 0;
        using (var writer = new TableWriter(CliFiles.OpenOutput(output), format, [p.GetValue(args.IdColumn)!, "issue", "issue_size", "issue_label"]))
        using (var errorWriter = new TableWriter(CliFiles.OpenOutput(errorsPath), TableFormat.Tsv, ["line", "id", "reason"]))
        {
            int next = 0;
            foreach ((long line, string id, string? error) in rows)
            {
                if (error is not null)
                {
                    failed++;
                    errorWriter.Write([line.ToString(CultureInfo.InvariantCulture), id, error]);
                    continue;
                }

                Issue issue = byId[issues[next++]];
                writer.Write([id, issue.Id.ToString(CultureInfo.InvariantCulture), issue.Size.ToString(CultureInfo.InvariantCulture), issue.Label]);
            }
        }

        progress.Report(rows.Count, final: true);
        int[] sizes = [.. byId.Values.Select(i => i.Size).OrderDescending()];
        string errorNote = failed > 0 ? " → " + errorsPath : "";
        Console.Error.WriteLine(FormattableString.Invariant(
            $"{input}: {rows.Count:N0} rows in {stopwatch.Elapsed.TotalSeconds:0.0} s: {issues.Length:N0} grouped into {sizes.Length:N0} issues ({sizes.Count(s => s >= 2):N0} with 2 or more messages, largest {string.Join(", ", sizes.Take(5))}), {failed:N0} errors{errorNote}; peak memory {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB"));
        return failed > 0 ? ClassifyCommand.ExitSomeRowsFailed : 0;
    }
}
