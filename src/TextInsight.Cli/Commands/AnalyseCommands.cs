using System.CommandLine;
using System.Globalization;
using TextInsight.Cli.IO;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;

namespace TextInsight.Cli.Commands;

/// <summary><c>textinsight tag</c> and <c>textinsight keywords</c>: one output line per input line, like <c>segment</c>.</summary>
internal static class AnalyseCommands
{
    internal static Command BuildTag()
    {
        var input = new Option<string>("--input") { Description = "UTF-8 text, one text per line ('-' = stdin)", Required = true };
        var output = new Option<string>("--output") { Description = "Output file ('-' = stdout)", Required = true };
        var noHmm = new Option<bool>("--no-hmm") { Description = "Do not use the POS HMM for unknown words" };
        var stats = new Option<bool>("--stats") { Description = "Write one JSON line of timing statistics to stderr" };
        var command = new Command("tag", "Part-of-speech tag text as jieba.posseg (word/tag joined by spaces)") { input, output, noHmm, stats };
        command.SetAction(p =>
        {
            PosTagger tagger = PosTagger.Create();
            bool hmm = !p.GetValue(noHmm);
            tagger.Tag("预热", hmm); // load the data before timing
            var timer = new Timer();
            LineFiles.Summary summary = LineFiles.ForEachLine(p.GetValue(input)!, p.GetValue(output)!, (span, writer) =>
            {
                string text = span.ToString();
                writer.Write(string.Join(" ", timer.Time(() => tagger.Tag(text, hmm)).Select(w => w.Word + "/" + w.Tag)));
            });
            timer.Report(p.GetValue(stats), summary);
            return 0;
        });
        return command;
    }

    internal static Command BuildKeywords()
    {
        var input = new Option<string>("--input") { Description = "UTF-8 text, one text per line ('-' = stdin)", Required = true };
        var output = new Option<string>("--output") { Description = "Output file ('-' = stdout)", Required = true };
        var method = new Option<string>("--method") { Description = "tfidf | textrank", DefaultValueFactory = _ => "tfidf" };
        method.AcceptOnlyFromAmong("tfidf", "textrank");
        var top = new Option<int>("--top") { Description = "Keywords per line (0 = all)", DefaultValueFactory = _ => 20 };
        var withWeight = new Option<bool>("--with-weight") { Description = "Write word:weight (weights in shortest round-trip form)" };
        var allowPos = new Option<string?>("--allow-pos") { Description = "Comma-separated tags to keep (tfidf: none = all words; textrank default: ns,n,vn,v)" };
        var stop = new Option<string>("--stop-words") { Description = "jieba (its 31 English words, the default) | chinese (ours: + Chinese function words and petition boilerplate) | a file, one word per line", DefaultValueFactory = _ => "jieba" };
        var idf = new Option<string?>("--idf") { Description = "An idf file in jieba's format (default: jieba's)" };
        var stats = new Option<bool>("--stats") { Description = "Write one JSON line of timing statistics to stderr" };
        var command = new Command("keywords", "Extract keywords as jieba.analyse (TF-IDF or TextRank)") { input, output, method, top, withWeight, allowPos, stop, idf, stats };
        command.SetAction(p =>
        {
            string stopArg = p.GetValue(stop)!;
            StopWords stopWords = stopArg switch
            {
                "jieba" => StopWords.JiebaDefault,
                "chinese" => StopWords.Chinese,
                _ => LoadStopWords(stopArg),
            };
            string? idfPath = p.GetValue(idf);
            var extractor = KeywordExtractor.Create(idf: idfPath is null ? null : IdfTable.Load(idfPath), stopWords: stopWords);
            string[]? tags = p.GetValue(allowPos)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            bool textRank = p.GetValue(method) == "textrank";
            int n = p.GetValue(top);
            bool weights = p.GetValue(withWeight);
            _ = extractor.ExtractTextRank("预热").Concat(extractor.ExtractTfIdf("预热")).Count(); // load the data before timing
            var timer = new Timer();
            LineFiles.Summary summary = LineFiles.ForEachLine(p.GetValue(input)!, p.GetValue(output)!, (span, writer) =>
            {
                string text = span.ToString();
                IReadOnlyList<Keyword> keywords = timer.Time(() => textRank ? extractor.ExtractTextRank(text, n, tags) : extractor.ExtractTfIdf(text, n, tags));
                writer.Write(string.Join(" ", keywords.Select(k => weights ? k.Word + ":" + k.Weight.ToString("R", CultureInfo.InvariantCulture) : k.Word)));
            });
            timer.Report(p.GetValue(stats), summary);
            return 0;
        });
        return command;
    }

    /// <summary>Times the analysis calls only (not reading, decoding or writing), for --stats.</summary>
    private sealed class Timer
    {
        private long _ticks;

        internal T Time<T>(Func<T> work)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            T result = work();
            _ticks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
            return result;
        }

        internal void Report(bool enabled, LineFiles.Summary summary)
        {
            if (!enabled)
            {
                return;
            }

            double seconds = (double)_ticks / System.Diagnostics.Stopwatch.Frequency, mb = summary.Bytes / 1e6;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"lines\":{summary.Lines},\"MB\":{mb:0.###},\"seconds\":{seconds:0.###},\"MB_per_s\":{(seconds > 0 ? mb / seconds : 0):0.###}}}"));
        }
    }

    private static StopWords LoadStopWords(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return StopWords.JiebaDefault.With(stream);
    }
}
