using System.CommandLine;
using TextInsight.Cli.IO;
using TextInsight.Grouping;

namespace TextInsight.Cli.Commands;

/// <summary>The options <c>group</c> and <c>hotspots</c> share: input columns, same-issue model, threads.</summary>
internal sealed class IssueArguments
{
    internal Option<string> Input { get; } = new("--input") { Description = "Messages (csv, tsv or jsonl)", Required = true };

    internal Option<string?> Format { get; } = new("--format") { Description = "csv | tsv | jsonl (default: from the input extension)" };

    internal Option<string> IdColumn { get; } = new("--id-column") { Description = "Id column", DefaultValueFactory = _ => "id" };

    internal Option<string> TextColumn { get; } = new("--text-column") { Description = "Text column", DefaultValueFactory = _ => "text" };

    internal Option<string?> TitleColumn { get; } = new("--title-column") { Description = "Title column (optional)" };

    internal Option<string?> TimeColumn { get; } = new("--time-column") { Description = "Time column (optional; ISO 8601 or 'yyyy-MM-dd HH:mm:ss', UTC unless an offset is given)" };

    internal Option<string?> Model { get; } = new("--issue-model") { Description = "Same-issue model (.zip from train-issues); default: the one shipped in the package" };

    internal Option<double?> Threshold { get; } = new("--threshold") { Description = "Same-issue score from which messages are grouped (default: the model's); higher keeps related issues apart, lower merges more repeats" };

    internal Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (0 = one per core)" };

    internal void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Input, Format, IdColumn, TextColumn, TitleColumn, TimeColumn, Model, Threshold, Threads })
        {
            command.Options.Add(o);
        }
    }

    internal IssueRows.Columns Columns(ParseResult p) => new(p.GetValue(IdColumn)!, p.GetValue(TextColumn)!, p.GetValue(TitleColumn), p.GetValue(TimeColumn));

    internal IssueGrouper Grouper(ParseResult p)
    {
        SameIssueModel model = p.GetValue(Model) is { } path ? SameIssueModel.Load(path) : SameIssueModel.Default;
        if (p.GetValue(Threshold) is { } threshold)
        {
            model = model.WithThreshold(threshold);
        }

        return new IssueGrouper(model);
    }
}
