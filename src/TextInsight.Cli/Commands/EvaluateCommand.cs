using System.CommandLine;
using TextInsight.Cli.IO;

namespace TextInsight.Cli.Commands;

/// <summary><c>textinsight evaluate</c>: per-class precision/recall/F1, macro and micro F1 and confusion matrices of a model on labelled data.</summary>
internal static class EvaluateCommand
{
    internal static Command Build()
    {
        var model = new Option<string?>("--model") { Description = "Model file (.zip); default: the shipped model" };
        var input = new Option<string>("--input") { Description = "Labelled data (csv, tsv or jsonl)", Required = true };
        var labelColumn = new Option<string?>("--label-column") { Description = "Custom model: the label column (comma-separated labels for multi-label models)" };
        var textColumn = new Option<string>("--text-column") { Description = "Text column", DefaultValueFactory = _ => "text" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Title column (optional)" };
        var idColumn = new Option<string>("--id-column") { Description = "Id column (for --join)", DefaultValueFactory = _ => "id" };
        var join = new Option<string?>("--join") { Description = "Take text and title from this file's rows with the same id" };
        var format = new Option<string?>("--format") { Description = "csv | tsv | jsonl (default: from the extension)" };
        var json = new Option<string?>("--json") { Description = "Also write the evaluation as JSON to this file" };
        var transcripts = new TranscriptArguments();
        Option<double?> highRecall = HighRecallArgument.Create();
        var command = new Command("evaluate", "Evaluate a model on labelled data") { model, input, labelColumn, textColumn, titleColumn, idColumn, join, format, json, highRecall };
        transcripts.AddTo(command);
        command.SetAction(p =>
        {
            var data = new LabelledData.Options(p.GetValue(input)!, p.GetValue(format), p.GetValue(idColumn)!, p.GetValue(textColumn)!, p.GetValue(titleColumn), p.GetValue(join));
            List<LabelledData.Row> rows = LabelledData.Read(data, out int bad);
            Console.Error.WriteLine($"read {rows.Count} labelled rows ({bad} skipped) from {data.Input}");
            string? path = p.GetValue(model);
            string? label = p.GetValue(labelColumn);
            EvaluationReport report;
            if (label is null)
            {
                FeedbackClassifier classifier = HighRecallArgument.Apply(
                    (path is null ? FeedbackClassifier.LoadDefault() : FeedbackClassifier.Load(path)).WithTranscripts(transcripts.Resolve(p)), p.GetValue(highRecall));
                report = FeedbackTrainer.Evaluate(classifier, rows.Select(r => new LabelledFeedback(r.Title, r.Text,
                    LabelledData.SplitLabels(LabelledData.Get(r.Fields, "topics")), LabelledData.Get(r.Fields, "primary") ?? "", LabelledData.Get(r.Fields, "urgency") ?? "")));
            }
            else
            {
                if (path is null)
                {
                    Console.Error.WriteLine("textinsight: error: --label-column needs --model (a custom-taxonomy model)");
                    return Program.ExitFailure;
                }

                if (p.GetValue(highRecall) is not null)
                {
                    Console.Error.WriteLine("textinsight: error: --high-recall applies to default-taxonomy models");
                    return Program.ExitFailure;
                }

                TextClassifier classifier = TextClassifier.Load(path).WithTranscripts(transcripts.Resolve(p));
                report = FeedbackTrainer.Evaluate(classifier, rows.Select(r => new LabelledText(r.Title, r.Text,
                    classifier.IsMultiLabel ? LabelledData.SplitLabels(LabelledData.Get(r.Fields, label)) : [LabelledData.Get(r.Fields, label)?.Trim() ?? ""])));
            }

            Console.WriteLine(report.WithDescription($"{data.Input}: {report.Description}").ToText());
            if (p.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath, report.ToJson());
            }

            return 0;
        });
        return command;
    }
}
