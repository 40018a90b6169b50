using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using TextInsight.Cli.IO;
using TextInsight.Normalization;

namespace TextInsight.Cli.Commands;

/// <summary>
/// <c>textinsight classify</c>: classifies every row of a CSV/TSV/JSONL file, streaming, in parallel,
/// in input order. Every input row yields an output row or an error row: input = output + errors.
/// </summary>
internal static class ClassifyCommand
{
    /// <summary>Exit code when the run finished but some rows went to the error file.</summary>
    internal const int ExitSomeRowsFailed = 3;

    /// <summary>Rows per parallel chunk, and between checkpoints.</summary>
    private const int CheckpointEvery = 512;

    internal sealed record Settings(string Input, string Output, string? Model, string? Format, string IdColumn, string TextColumn,
        string? TitleColumn, int Threads, string? Errors, bool KeepColumns, bool Resume = false,
        string Transcripts = "caller", string? CallerLabels = null, string? OperatorLabels = null, bool MaskPii = false, double? HighRecall = null);

    internal static Command Build()
    {
        var input = new Option<string>("--input") { Description = "Messages (csv, tsv or jsonl; '-' = stdin with --format)", Required = true };
        var output = new Option<string>("--output") { Description = "Results, in the input's format ('-' = stdout)", Required = true };
        var model = new Option<string?>("--model") { Description = "Model file (.zip); default: the model shipped in the package" };
        var format = new Option<string?>("--format") { Description = "csv | tsv | jsonl (default: from the input extension)" };
        var idColumn = new Option<string>("--id-column") { Description = "Id column", DefaultValueFactory = _ => "id" };
        var textColumn = new Option<string>("--text-column") { Description = "Text column", DefaultValueFactory = _ => "text" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Title column (optional)" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = one per core)" };
        var errors = new Option<string?>("--errors") { Description = "Error rows file (default: OUTPUT.errors.tsv, or classify.errors.tsv for stdout)" };
        var keep = new Option<bool>("--keep-columns") { Description = "Also copy the input's columns to the output" };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from its checkpoint (OUTPUT.checkpoint), appending to OUTPUT and its error file" };
        var transcripts = new TranscriptArguments();
        Option<double?> highRecall = HighRecallArgument.Create();
        var maskPii = new Option<bool>("--mask-pii") { Description = "Mask phone, ID, bank card, plate and e-mail in kept columns and cues; add a pii column (type@column:start+length)" };
        var command = new Command("classify", "Classify every message of a file by topic and urgency")
        {
            input, output, model, format, idColumn, textColumn, titleColumn, threads, errors, keep, resume, maskPii, highRecall,
        };
        transcripts.AddTo(command);
        command.SetAction(p => Run(new Settings(p.GetValue(input)!, p.GetValue(output)!, p.GetValue(model), p.GetValue(format),
            p.GetValue(idColumn)!, p.GetValue(textColumn)!, p.GetValue(titleColumn), p.GetValue(threads), p.GetValue(errors), p.GetValue(keep), p.GetValue(resume),
            p.GetValue(transcripts.Mode)!, p.GetValue(transcripts.CallerLabels), p.GetValue(transcripts.OperatorLabels), p.GetValue(maskPii), p.GetValue(highRecall))));
        return command;
    }

    private sealed record Outcome(TableRecord Record, string Id, string[]? Values, string? Error, string? Primary, string? Urgency);

    internal static int Run(Settings s)
    {
        TableFormat format = TableFormats.Resolve(s.Format, s.Input);
        FeedbackClassifier? feedback = null;
        TextClassifier? custom = null;
        if (s.Model is null)
        {
            feedback = FeedbackClassifier.LoadDefault();
        }
        else
        {
            if (ModelInfo.Read(s.Model).Kind == ModelKind.Custom)
            {
                custom = TextClassifier.Load(s.Model);
            }
            else
            {
                feedback = FeedbackClassifier.Load(s.Model);
            }
        }

        TranscriptOptions? transcriptOptions = TranscriptArguments.Resolve(s.Transcripts, s.CallerLabels, s.OperatorLabels);
        feedback = feedback?.WithTranscripts(transcriptOptions);
        custom = custom?.WithTranscripts(transcriptOptions);
        if (s.HighRecall is not null && custom is not null)
        {
            Console.Error.WriteLine("textinsight: error: --high-recall applies to default-taxonomy models; this one is a custom-taxonomy model");
            return Program.ExitFailure;
        }

        if (feedback is not null)
        {
            feedback = HighRecallArgument.Apply(feedback, s.HighRecall);
        }

        string[] resultColumns = feedback is not null
            ? ["primary", "topics", "urgency", "confidence", "p_livelihood", "p_land", "p_employment", "p_style", "p_high", "p_medium", "p_low", "cues"]
            : ["label", "confidence", .. custom!.Labels.Select(l => "p_" + l)];
        if (s.MaskPii)
        {
            resultColumns = [.. resultColumns, "pii"];
        }

        IEnumerable<TableRecord> records = TableReader.Read(s.Input, format, out IReadOnlyList<string> inputColumns, out Func<double?> fractionRead);
        TableReader.RequireColumns(s.Input, format, inputColumns, [s.IdColumn, s.TextColumn, s.TitleColumn]);

        string[] keptColumns = s.KeepColumns ? inputColumns.Where(c => c != s.IdColumn).ToArray() : [];
        string errorsPath = s.Errors ?? (s.Output == "-" ? "classify.errors.tsv" : s.Output + ".errors.tsv");
        string checkpointPath = Checkpoint.PathFor(s.Output);
        Checkpoint? resumeFrom = null;
        if (s.Resume)
        {
            if (s.Output == "-")
            {
                Console.Error.WriteLine("textinsight: error: --resume needs an output file, not stdout");
                return Program.ExitFailure;
            }

            resumeFrom = Checkpoint.Load(checkpointPath);
            Console.Error.WriteLine(resumeFrom is null
                ? $"no checkpoint at {checkpointPath}: starting from the first row"
                : $"resuming after {resumeFrom.Rows:N0} rows (checkpoint {checkpointPath})");
        }

        long rows = resumeFrom?.Rows ?? 0, written = 0, failed = 0;
        var primaryCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var urgencyCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var progress = new ProgressReporter(fractionRead);

        (TextWriter outText, FileStream? outStream) = resumeFrom is null ? CliFiles.OpenOutputWithStream(s.Output) : CliFiles.OpenTruncated(s.Output, resumeFrom.OutputBytes);
        (TextWriter errText, FileStream? errStream) = resumeFrom is null ? CliFiles.OpenOutputWithStream(errorsPath) : CliFiles.OpenTruncated(errorsPath, resumeFrom.ErrorBytes);
        using (var writer = new TableWriter(outText, format, [s.IdColumn, .. resultColumns, .. keptColumns], writeHeader: resumeFrom is null))
        using (var errorWriter = new TableWriter(errText, TableFormat.Tsv, ["line", "id", "reason"], writeHeader: resumeFrom is null))
        {
            IEnumerable<TableRecord> todo = resumeFrom is null ? records : records.Skip(checked((int)resumeFrom.Rows));
            IEnumerable<Outcome> outcomes = OrderedParallel.Map(todo, r => Classify(r, s, feedback, custom, keptColumns), s.Threads, chunkSize: CheckpointEvery);
            foreach (Outcome o in outcomes)
            {
                rows++;
                if (o.Error is not null)
                {
                    failed++;
                    errorWriter.Write([o.Record.Line.ToString(CultureInfo.InvariantCulture), o.Id, o.Error]);
                }
                else
                {
                    written++;
                    writer.Write(o.Values!);
                    Count(primaryCounts, o.Primary!);
                    if (o.Urgency is not null)
                    {
                        Count(urgencyCounts, o.Urgency);
                    }
                }

                if (rows % CheckpointEvery == 0 && outStream is not null && errStream is not null)
                {
                    // Both files flushed to this row, then the checkpoint that names their lengths.
                    writer.Flush();
                    errorWriter.Flush();
                    new Checkpoint(rows, outStream.Length, errStream.Length).Save(checkpointPath);
                }

                progress.Report(rows);
            }
        }

        File.Delete(checkpointPath); // finished: nothing to resume
        if (resumeFrom is not null)
        {
            Console.Error.WriteLine($"resumed: rows 1..{resumeFrom.Rows:N0} were done before; this run did rows {resumeFrom.Rows + 1:N0}..{rows:N0}");
        }

        progress.Report(rows, final: true);
        Summary(s, rows, written, failed, errorsPath, progress.Elapsed, primaryCounts, urgencyCounts, feedback is not null);
        return failed > 0 ? ExitSomeRowsFailed : 0;
    }

    private static Outcome Classify(TableRecord r, Settings s, FeedbackClassifier? feedback, TextClassifier? custom, string[] kept)
    {
        if (r.Error is not null)
        {
            return new Outcome(r, "", null, r.Error, null, null);
        }

        IReadOnlyDictionary<string, string?> f = r.Fields!;
        if (LabelledData.IdAndText(f, s.IdColumn, s.TextColumn, out string id, out string? text) is { } error)
        {
            return new Outcome(r, id, null, error, null, null);
        }

        string? title = s.TitleColumn is null ? null : LabelledData.Get(f, s.TitleColumn);

        string[] keptValues = kept.Select(c => LabelledData.Get(f, c) ?? "").ToArray();
        PiiReport? pii = s.MaskPii ? PiiReport.Of(f, [.. kept, s.TextColumn, .. s.TitleColumn is null ? Array.Empty<string>() : [s.TitleColumn]]) : null;
        if (pii is not null)
        {
            keptValues = kept.Select(pii.Masked).ToArray();
        }

        string[] extra = pii is null ? [] : [pii.Summary];
        if (feedback is not null)
        {
            FeedbackResult x = feedback.Classify(title, text ?? "");
            string P(IReadOnlyList<LabelScore> scores, string label) =>
                scores.First(sc => sc.Label == label).Probability.ToString("0.####", CultureInfo.InvariantCulture);
            string[] values =
            [
                id, x.Primary.Name, string.Join(",", x.Topics), x.Urgency.Name, x.Confidence.ToString("0.####", CultureInfo.InvariantCulture),
                P(x.TopicScores, "livelihood"), P(x.TopicScores, "land"), P(x.TopicScores, "employment"), P(x.TopicScores, "style"),
                P(x.UrgencyScores, "high"), P(x.UrgencyScores, "medium"), P(x.UrgencyScores, "low"),
                string.Join("; ", x.Cues.Where(c => pii?.Reveals(c.Text) != true).Select(c => $"{c.Text}({c.Label})")), .. extra, .. keptValues,
            ];
            return new Outcome(r, id, values, null, x.Primary.Name, x.Urgency.Name);
        }

        LabelResult l = custom!.Classify(title, text ?? "");
        string[] customValues =
        [
            id, string.Join(",", l.Labels), l.Confidence.ToString("0.####", CultureInfo.InvariantCulture),
            .. l.Scores.Select(sc => sc.Probability.ToString("0.####", CultureInfo.InvariantCulture)), .. extra, .. keptValues,
        ];
        return new Outcome(r, id, customValues, null, l.Label, null);
    }

    private static void Count(SortedDictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Summary(Settings s, long rows, long written, long failed, string errorsPath, TimeSpan elapsed,
        SortedDictionary<string, long> primary, SortedDictionary<string, long> urgency, bool defaultTaxonomy)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Input}: {rows:N0} rows in {elapsed.TotalSeconds:0.0} s ({rows / Math.Max(elapsed.TotalSeconds, 1e-6):N0} rows/s): {written:N0} classified, {failed:N0} errors, peak memory {Environment.WorkingSet / 1e6:0} MB now / {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB peak"));
        var table = new Table();
        table.AddColumn(defaultTaxonomy ? "primary" : "label").AddColumn(new TableColumn("rows").RightAligned());
        foreach ((string k, long v) in primary)
        {
            table.AddRow(Markup.Escape(k), v.ToString("N0", CultureInfo.InvariantCulture));
        }

        if (urgency.Count > 0)
        {
            table.AddEmptyRow();
            foreach ((string k, long v) in urgency)
            {
                table.AddRow("urgency " + k, v.ToString("N0", CultureInfo.InvariantCulture));
            }
        }

        table.AddEmptyRow();
        table.AddRow("classified", written.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow(failed > 0 ? "[red]errors[/]" : "errors", $"{failed:N0}" + (failed > 0 ? $" → {Markup.Escape(errorsPath)}" : ""));
        console.Write(table);
    }
}
