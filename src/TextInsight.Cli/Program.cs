using System.CommandLine;
using TextInsight.Cli.Commands;

namespace TextInsight.Cli;

/// <summary>Entry point of the <c>textinsight</c> command.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("TextInsight: segment, tag and classify Chinese citizen feedback")
        {
            SegmentCommand.Build(),
        };
        return root.Parse(args).Invoke();
    }
}
