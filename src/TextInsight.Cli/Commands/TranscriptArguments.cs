using System.CommandLine;
using TextInsight.Normalization;

namespace TextInsight.Cli.Commands;

/// <summary>The transcript options shared by <c>classify</c> and <c>evaluate</c>.</summary>
internal sealed class TranscriptArguments
{
    internal Option<string> Mode { get; } = new("--transcripts")
    {
        Description = "Hotline transcripts: caller = classify the caller's turns (default), all = every turn, off = treat text as prose",
        DefaultValueFactory = _ => "caller",
    };

    internal Option<string?> CallerLabels { get; } = new("--caller-labels") { Description = "Comma-separated caller labels, replacing the defaults (来电人,市民,...)" };

    internal Option<string?> OperatorLabels { get; } = new("--operator-labels") { Description = "Comma-separated operator labels, replacing the defaults (坐席,话务员,...)" };

    internal TranscriptArguments() => Mode.AcceptOnlyFromAmong("caller", "all", "off");

    internal void AddTo(Command command)
    {
        command.Options.Add(Mode);
        command.Options.Add(CallerLabels);
        command.Options.Add(OperatorLabels);
    }

    /// <summary>The options the arguments ask for; null for <c>--transcripts off</c>.</summary>
    internal static TranscriptOptions? Resolve(string mode, string? callerLabels, string? operatorLabels)
    {
        if (mode == "off")
        {
            return null;
        }

        static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        TranscriptOptions options = TranscriptOptions.Default with { CallerTurnsOnly = mode == "caller" };
        if (callerLabels is not null)
        {
            options = options with { CallerLabels = Split(callerLabels) };
        }

        if (operatorLabels is not null)
        {
            options = options with { OperatorLabels = Split(operatorLabels) };
        }

        return options;
    }

    internal TranscriptOptions? Resolve(ParseResult p) => Resolve(p.GetValue(Mode)!, p.GetValue(CallerLabels), p.GetValue(OperatorLabels));
}
