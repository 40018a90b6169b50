using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TextInsight.Cli.IO;
using TextInsight.Grouping;
using TextInsight.Training;

namespace TextInsight.Cli.Commands;

/// <summary><c>textinsight train-issues</c>: trains the same-issue model from judged pairs and prints its cross-validation.</summary>
internal static class TrainIssuesCommand
{
    internal static Command Build()
    {
        var pairs = new Option<string>("--pairs") { Description = "Judged pairs (csv, tsv or jsonl) with columns id_a, id_b, label (same | related | different)", Required = true };
        var messages = new Option<string>("--messages") { Description = "Messages: every message the pairs name, and as many more as you have (they weigh rare words)", Required = true };
        var output = new Option<string?>("--output") { Description = "Model file to write (.zip); omit to only cross-validate" };
        var idColumn = new Option<string>("--id-column") { Description = "Id column of the messages", DefaultValueFactory = _ => "id" };
        var textColumn = new Option<string>("--text-column") { Description = "Text column", DefaultValueFactory = _ => "text" };
        var titleColumn = new Option<string?>("--title-column") { Description = "Title column (optional)" };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (0: none)", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for folds and trainer", DefaultValueFactory = _ => 42 };
        var maxRelated = new Option<double>("--max-related-merged")
        {
            Description = "Largest share of 'related' training pairs the threshold may merge, in (0, 1] (default 1: the threshold of best F1); lower keeps a place's other problems apart",
            DefaultValueFactory = _ => 1.0,
        };
        var command = new Command("train-issues", "Train the same-issue model used by group and hotspots, and print its cross-validated quality")
        {
            pairs, messages, output, idColumn, textColumn, titleColumn, folds, seed, maxRelated,
        };
        command.SetAction(p =>
        {
            var stopwatch = Stopwatch.StartNew();
            var data = new LabelledData.Options(p.GetValue(messages)!, null, p.GetValue(idColumn)!, p.GetValue(textColumn)!, p.GetValue(titleColumn), null);
            List<IssueMessage> corpus = [.. LabelledData.Read(data, out int badRows).Select(r => new IssueMessage(r.Id, r.Text, r.Title))];
            var judged = new List<JudgedPair>();
            string pairsPath = p.GetValue(pairs)!;
            foreach (TableRecord r in TableReader.Read(pairsPath, TableFormats.Resolve(null, pairsPath), out _))
            {
                string? a = r.Error is null ? LabelledData.Get(r.Fields!, "id_a") : null;
                string? b = r.Error is null ? LabelledData.Get(r.Fields!, "id_b") : null;
                string? label = r.Error is null ? LabelledData.Get(r.Fields!, "label") : null;
                if (string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b) || string.IsNullOrWhiteSpace(label))
                {
                    Console.Error.WriteLine($"{pairsPath}:{r.Line}: skipped: {r.Error ?? "needs id_a, id_b and label"}");
                    continue;
                }

                judged.Add(new JudgedPair(a.Trim(), b.Trim(), label.Trim()));
            }

            Console.Error.WriteLine($"read {corpus.Count} messages ({badRows} skipped) and {judged.Count} pairs ({judged.Count(j => j.IsSame)} same)");
            if (p.GetValue(folds) > 0)
            {
                SameIssueEvaluation cv = SameIssueTrainer.CrossValidate(corpus, judged, p.GetValue(folds), p.GetValue(seed), p.GetValue(maxRelated));
                Console.WriteLine(cv);
                Console.WriteLine("baseline, " + cv.CosineBaseline + " (character n-gram cosine alone, same folds)");
                Console.WriteLine("out-of-fold scores at fixed thresholds: threshold  precision  recall  F1  related merged");
                foreach (SameIssueOperatingPoint o in cv.OperatingPoints)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {o.Threshold:0.00}  {o.Precision:0.000}  {o.Recall:0.000}  {o.F1:0.000}  {o.RelatedMerged:0.0%}"));
                }
            }

            if (p.GetValue(output) is { } path)
            {
                SameIssueModel model = SameIssueTrainer.Train(corpus, judged, p.GetValue(seed), p.GetValue(maxRelated));
                model.Save(path);
                string space = model.SemanticDimensions > 0
                    ? $"semantic space of {model.SemanticDimensions} dimensions"
                    : "no semantic space (the corpus is too small to learn one; its feature stays 0)";
                Console.WriteLine($"wrote {path}: threshold {model.Threshold:0.000}, L2 {model.L2Regularization:0.#} (chosen by inner cross-validation), {space}; weights " +
                    string.Join(", ", model.FeatureNames.Zip(model.Weights, (n, w) => $"{n} {w:+0.00;-0.00}")));
            }

            Console.Error.WriteLine($"done in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            return 0;
        });
        return command;
    }
}
