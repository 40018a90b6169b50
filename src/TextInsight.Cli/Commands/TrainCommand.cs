using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TextInsight.Training;
using TextInsight.Cli.IO;

namespace TextInsight.Cli.Commands;

/// <summary><c>textinsight train</c>: trains a default-taxonomy or custom model and prints its evaluation.</summary>
internal static class TrainCommand
{
    internal static Command Build()
    {
        var input = new Option<string>("--input") { Description = "Labelled data (csv, tsv or jsonl)", Required = true };
        var output = new Option<string>("--output") { Description = "Model file to write (.zip)", Required = true };
        var labelColumn = new Option<string?>("--label-column") { Description = "Custom taxonomy: the column holding the label(s)" };
        var taxonomy = new Option<string?>("--taxonomy") { Description = "'default': read the topics, primary and urgency columns (TAXONOMY.md)" };
        var textColumn = new Option<string>("--text-column") { Description = "Text column", DefaultValueFactory = _ => "text" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Title column (optional)" };
        var idColumn = new Option<string>("--id-column") { Description = "Id column (for --join)", DefaultValueFactory = _ => "id" };
        var join = new Option<string?>("--join") { Description = "Take text and title from this file's rows with the same id" };
        var format = new Option<string?>("--format") { Description = "csv | tsv | jsonl (default: from the extension)" };
        var multiLabel = new Option<bool>("--multi-label") { Description = "Custom taxonomy: comma-separated labels per row" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for folds, split and trainers", DefaultValueFactory = _ => 42 };
        var split = new Option<double>("--validation-split") { Description = "Hold out this share (seeded, stratified), train on the rest, report metrics on it, then train the saved model on all rows" };
        var report = new Option<string?>("--report") { Description = "Write the evaluation(s) as JSON here" };
        var splitDir = new Option<string?>("--split-dir") { Description = "With --validation-split: also write the split's rows as train.tsv and validation.tsv here (e.g. to run other tools on the same split)" };
        var unlabelled = new Option<string?>("--unlabelled") { Description = "Messages without labels (same --text-column/--title-column) from which the semantic space learns which words go together, e.g. every message of the source" };
        var semantic = new Option<int?>("--semantic-dimensions") { Description = "Advanced: coordinates of the semantic space (0: none)" };
        var semanticWeight = new Option<float?>("--semantic-weight") { Description = "Advanced: length of the semantic coordinates relative to each n-gram block's" };
        var wordNgrams = new Option<int?>("--word-ngrams") { Description = "Advanced: longest word n-gram" };
        var charNgrams = new Option<int?>("--char-ngrams") { Description = "Advanced: longest character n-gram" };
        var l1 = new Option<float?>("--l1") { Description = "Advanced: L1 regularisation" };
        var l2 = new Option<float?>("--l2") { Description = "Advanced: L2 regularisation" };
        var power = new Option<double?>("--class-weight-power") { Description = "Advanced: 0 unweighted .. 1 balanced" };
        var command = new Command("train", "Train a classifier and print its cross-validated evaluation")
        {
            input, output, labelColumn, taxonomy, textColumn, titleColumn, idColumn, join, format, multiLabel, folds, seed, split, report, splitDir,
            unlabelled, semantic, semanticWeight, wordNgrams, charNgrams, l1, l2, power,
        };
        command.SetAction(p =>
        {
            var defaults = new FeedbackTrainerOptions();
            var options = defaults with
            {
                Seed = p.GetValue(seed),
                Folds = p.GetValue(folds),
                MultiLabel = p.GetValue(multiLabel),
                WordNgrams = p.GetValue(wordNgrams) ?? defaults.WordNgrams,
                CharNgrams = p.GetValue(charNgrams) ?? defaults.CharNgrams,
                L1 = p.GetValue(l1) ?? defaults.L1,
                L2 = p.GetValue(l2) ?? defaults.L2,
                ClassWeightPower = p.GetValue(power) ?? defaults.ClassWeightPower,
                SemanticDimensions = p.GetValue(semantic) ?? defaults.SemanticDimensions,
                SemanticWeight = p.GetValue(semanticWeight) ?? defaults.SemanticWeight,
            };
            var data = new LabelledData.Options(p.GetValue(input)!, p.GetValue(format), p.GetValue(idColumn)!, p.GetValue(textColumn)!, p.GetValue(titleColumn), p.GetValue(join));
            string? label = p.GetValue(labelColumn);
            string? tax = p.GetValue(taxonomy);
            if ((label is null) == (tax is null) || (tax is not null && tax != "default"))
            {
                Console.Error.WriteLine("textinsight: error: give either --label-column COL or --taxonomy default");
                return Program.ExitFailure;
            }

            List<string> texts = [];
            if (p.GetValue(unlabelled) is { } unlabelledPath)
            {
                texts = LabelledData.ReadTexts(unlabelledPath, p.GetValue(textColumn)!, p.GetValue(titleColumn), out int badTexts);
                Console.Error.WriteLine($"read {texts.Count} unlabelled texts ({badTexts} skipped) from {unlabelledPath}");
            }

            return Run(data, label, p.GetValue(output)!, options, texts, p.GetValue(split), p.GetValue(report), p.GetValue(splitDir));
        });
        return command;
    }

    private static int Run(LabelledData.Options data, string? labelColumn, string output, FeedbackTrainerOptions options, List<string> unlabelled, double split,
        string? reportPath, string? splitDir)
    {
        var clock = Stopwatch.StartNew();
        var progress = new ElapsedProgress(clock);
        options = options with { Progress = progress };
        List<LabelledData.Row> rows = LabelledData.Read(data, out int bad);
        Console.Error.WriteLine($"read {rows.Count} labelled rows ({bad} skipped) from {data.Input}");
        var reports = new List<(string Name, EvaluationReport Report)>();
        if (split > 0 && splitDir is not null)
        {
            Func<LabelledData.Row, string> stratum = labelColumn is null
                ? r => (LabelledData.Get(r.Fields, "primary") ?? "") + "/" + (LabelledData.Get(r.Fields, "urgency") ?? "")
                : r => LabelledData.SplitLabels(LabelledData.Get(r.Fields, labelColumn)).FirstOrDefault() ?? "";
            (List<LabelledData.Row> trainRows, List<LabelledData.Row> validationRows) = StratifiedSplit.Split(rows, stratum, split, options.Seed);
            WriteSplit(Path.Combine(splitDir, "train.tsv"), trainRows);
            WriteSplit(Path.Combine(splitDir, "validation.tsv"), validationRows);
        }

        if (labelColumn is null)
        {
            List<LabelledFeedback> examples = rows.Select(r => new LabelledFeedback(r.Title, r.Text,
                LabelledData.SplitLabels(LabelledData.Get(r.Fields, "topics")),
                LabelledData.Get(r.Fields, "primary") ?? "", LabelledData.Get(r.Fields, "urgency") ?? "")).ToList();
            if (split > 0)
            {
                (List<LabelledFeedback> train, List<LabelledFeedback> validation) = StratifiedSplit.Split(examples, e => e.Primary + "/" + e.Urgency, split, options.Seed);
                progress.Report($"training on {train.Count} rows to evaluate on the {validation.Count} held out");
                TrainingResult<FeedbackClassifier> held = FeedbackTrainer.TrainDefault(train, options, unlabelled);
                reports.Add(("cross-validation (training part)", held.CrossValidation));
                (EvaluationReport heldOut, IReadOnlySet<string> masked) = FeedbackTrainer.EvaluateHeldOut(held.Model, train, validation);
                reports.Add(("validation split", Describe(heldOut, $"held-out validation split: {validation.Count} of {examples.Count} rows ({split:P0}, seed {options.Seed}); model trained on the other {train.Count}; "
                    + $"{masked.Count} cue phrases found only in held-out high-urgency rows not counted ({string.Join(" ", masked.Order(StringComparer.Ordinal))})")));
            }

            progress.Report($"training the model to save on all {examples.Count} rows");
            TrainingResult<FeedbackClassifier> result = FeedbackTrainer.TrainDefault(examples, options, unlabelled);
            reports.Add(("cross-validation (all rows)", result.CrossValidation));
            result.Model.Save(output);
            Console.WriteLine("== urgency operating points (cross-validation, all rows; classify/evaluate --high-recall T)");
            Console.WriteLine("  target  high recall  high precision  flagged high  urgency macro-F1");
            foreach (UrgencyOperatingPoint point in result.Model.UrgencyOperatingPoints)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {point.HighRecallTarget,6:0.00}  {point.HighRecall,11:0.000}  {point.HighPrecision,14:0.000}  {point.FlaggedHighShare,12:P1}  {point.UrgencyMacroF1,16:0.000}"));
            }
        }
        else
        {
            List<LabelledText> examples = rows.Select(r => new LabelledText(r.Title, r.Text,
                options.MultiLabel ? LabelledData.SplitLabels(LabelledData.Get(r.Fields, labelColumn)) : [LabelledData.Get(r.Fields, labelColumn)?.Trim() ?? ""])).ToList();
            if (split > 0)
            {
                (List<LabelledText> train, List<LabelledText> validation) = StratifiedSplit.Split(examples, e => e.Labels.Count > 0 ? e.Labels[0] : "", split, options.Seed);
                TrainingResult<TextClassifier> held = FeedbackTrainer.TrainCustom(train, options, unlabelled);
                reports.Add(("cross-validation (training part)", held.CrossValidation));
                reports.Add(("validation split", Describe(FeedbackTrainer.Evaluate(held.Model, validation), $"held-out validation split: {validation.Count} of {examples.Count} rows ({split:P0}, seed {options.Seed}); model trained on the other {train.Count}")));
            }

            TrainingResult<TextClassifier> result = FeedbackTrainer.TrainCustom(examples, options, unlabelled);
            reports.Add(("cross-validation (all rows)", result.CrossValidation));
            result.Model.Save(output);
        }

        foreach ((string name, EvaluationReport r) in reports)
        {
            Console.WriteLine($"== {name}");
            Console.WriteLine(r.ToText());
        }

        if (reportPath is not null)
        {
            File.WriteAllText(reportPath, "[\n" + string.Join(",\n", reports.Select(r => r.Report.ToJson())) + "\n]\n");
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {output} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    /// <summary>Rows of a split as TSV: id, title, text, then the input's other columns (tabs and newlines become spaces).</summary>
    private static void WriteSplit(string path, List<LabelledData.Row> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string[] extra = rows.Count == 0 ? [] : rows[0].Fields.Keys.Where(k => k is not ("id" or "title" or "text")).ToArray();
        using var writer = new TableWriter(CliFiles.OpenOutput(path), TableFormat.Tsv, ["id", "title", "text", .. extra]);
        foreach (LabelledData.Row r in rows)
        {
            writer.Write([r.Id, r.Title ?? "", r.Text, .. extra.Select(k => LabelledData.Get(r.Fields, k))]);
        }
    }

    /// <summary>Training progress on stderr, each line with the seconds since the command started.</summary>
    private sealed class ElapsedProgress(Stopwatch clock) : IProgress<string>
    {
        public void Report(string value) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0} s] {value}"));
    }

    private static EvaluationReport Describe(EvaluationReport r, string description) => r.WithDescription(description);
}
