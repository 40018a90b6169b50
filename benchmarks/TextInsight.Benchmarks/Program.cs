using BenchmarkDotNet.Running;

namespace TextInsight.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/TextInsight.Benchmarks -- --filter '*'</c>;
/// with <c>group-scaling N</c>, one grouping scaling run instead (see <see cref="GroupScaling"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["group-scaling", .. var rest])
        {
            return GroupScaling.Run(rest);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
