using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TextInsight.Cli.IO;
using TextInsight.Jieba.Segmentation;

namespace TextInsight.Cli.Commands;

/// <summary><c>textinsight segment</c>: one output line per input line, tokens joined by " / ".</summary>
internal static class SegmentCommand
{
    internal static Command Build()
    {
        var input = new Option<string>("--input") { Description = "UTF-8 text, one text per line ('-' = stdin)", Required = true };
        var output = new Option<string>("--output") { Description = "Output file ('-' = stdout)", Required = true };
        var mode = new Option<string>("--mode") { Description = "precise | full | search", DefaultValueFactory = _ => "precise" };
        mode.AcceptOnlyFromAmong("precise", "full", "search");
        var noHmm = new Option<bool>("--no-hmm") { Description = "Do not use the HMM for unknown words (jieba HMM=False)" };
        var stats = new Option<bool>("--stats") { Description = "Write one JSON line of timing statistics to stderr" };
        var command = new Command("segment", "Segment text with the jieba-compatible segmenter") { input, output, mode, noHmm, stats };
        command.SetAction(parse => Run(
            parse.GetValue(input)!, parse.GetValue(output)!, ParseMode(parse.GetValue(mode)!), !parse.GetValue(noHmm), parse.GetValue(stats)));
        return command;
    }

    private static CutMode ParseMode(string mode) => mode switch
    {
        "full" => CutMode.Full,
        "search" => CutMode.Search,
        _ => CutMode.Precise,
    };

    internal static int Run(string inputPath, string outputPath, CutMode mode, bool hmm, bool stats)
    {
        long t0 = Stopwatch.GetTimestamp();
        JiebaSegmenter segmenter = JiebaSegmenter.Create();
        segmenter.CountTokens("预热", mode, hmm); // loads the HMM too, so load_s covers all data
        double loadSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;

        long segTicks = 0;
        var sink = new RangeSink();
        LineFiles.Summary summary = LineFiles.ForEachLine(inputPath, outputPath, (text, writer) =>
        {
            sink.Clear();
            long s0 = Stopwatch.GetTimestamp();
            segmenter.Segment(text, ref sink, mode, hmm);
            segTicks += Stopwatch.GetTimestamp() - s0;
            sink.WriteJoined(text, writer);
        });

        if (stats)
        {
            double segSeconds = (double)segTicks / Stopwatch.Frequency;
            double mb = summary.Bytes / 1e6;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"lines\":{summary.Lines},\"MB\":{mb:0.###},\"load_s\":{loadSeconds:0.###},\"seg_s\":{segSeconds:0.###},\"MB_per_s\":{(segSeconds > 0 ? mb / segSeconds : 0):0.###}}}"));
        }

        return 0;
    }

    /// <summary>Keeps token positions during the timed cut; text is only copied when writing.</summary>
    private struct RangeSink : ITokenSink
    {
        private (int Start, int Length, string? Detached)[] _tokens;
        private int _count;

        public RangeSink() => _tokens = new (int, int, string?)[256];

        internal void Clear() => _count = 0;

        public void OnToken(ReadOnlySpan<char> token, int start, int length)
        {
            if (_count == _tokens.Length)
            {
                Array.Resize(ref _tokens, _count * 2);
            }

            // Full mode can glue non-adjacent words: keep that rare token's own text.
            _tokens[_count++] = (start, token.Length, token.Length == length ? null : token.ToString());
        }

        internal readonly void WriteJoined(ReadOnlySpan<char> text, TextWriter writer)
        {
            for (int i = 0; i < _count; i++)
            {
                if (i > 0)
                {
                    writer.Write(" / ");
                }

                (int start, int length, string? detached) = _tokens[i];
                writer.Write(detached is null ? text.Slice(start, length) : detached);
            }
        }
    }
}
