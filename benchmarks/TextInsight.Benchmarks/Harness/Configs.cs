using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TextInsight.Benchmarks.Harness;

/// <summary>The shared configuration: memory diagnoser, and a MB/s column for benchmarks that process text.</summary>
public sealed class DefaultConfig : ManualConfig
{
    public DefaultConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn());
    }
}

/// <summary>Benchmarks that process text expose its size in UTF-8 megabytes.</summary>
public interface IHasMegabytes
{
    double Megabytes { get; }
}

/// <summary>MB/s = input megabytes / mean time, the unit the peers report.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => "MBps";
    public string ColumnName => "MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "UTF-8 input megabytes per second (mean)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        if (report?.ResultStatistics is null || Activator.CreateInstance(benchmarkCase.Descriptor.Type) is not IHasMegabytes m)
        {
            return "-";
        }

        double seconds = report.ResultStatistics.Mean / 1e9;
        return (m.Megabytes / seconds).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
