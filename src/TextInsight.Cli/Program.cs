using System.CommandLine;
using TextInsight.Cli.Commands;

namespace TextInsight.Cli;

/// <summary>Entry point of the <c>textinsight</c> command.</summary>
internal static class Program
{
    /// <summary>Exit code for a run that could not start or finish: bad file, bad data.</summary>
    internal const int ExitFailure = 2;

    private static int Main(string[] args)
    {
        var root = new RootCommand("TextInsight: segment, tag and classify Chinese citizen feedback")
        {
            SegmentCommand.Build(),
            AnalyseCommands.BuildTag(),
            AnalyseCommands.BuildKeywords(),
            TrainCommand.Build(),
            ClassifyCommand.Build(),
            EvaluateCommand.Build(),
            TrainIssuesCommand.Build(),
            GroupCommand.Build(),
            HotspotsCommand.Build(),
        };
        ParseResult parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException or ModelFormatException)
        {
            Console.Error.WriteLine($"textinsight: error: {e.Message}");
            return ExitFailure;
        }
    }
}
