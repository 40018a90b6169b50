using System.Globalization;
using TextInsight.Classification;
using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Features;
using TextInsight.Batching;

namespace TextInsight.Training;

/// <summary>A message labelled to the default taxonomy (TAXONOMY.md).</summary>
/// <param name="Title">Optional title.</param>
/// <param name="Text">The message.</param>
/// <param name="Topics">Zero or more of livelihood, land, employment, style.</param>
/// <param name="Primary">livelihood, land, employment, style or other.</param>
/// <param name="Urgency">high, medium or low.</param>
public sealed record LabelledFeedback(string? Title, string Text, IReadOnlyList<string> Topics, string Primary, string Urgency);

/// <summary>A message labelled with a custom taxonomy (one label, or several for a multi-label model).</summary>
/// <param name="Title">Optional title.</param>
/// <param name="Text">The message.</param>
/// <param name="Labels">Its label(s).</param>
public sealed record LabelledText(string? Title, string Text, IReadOnlyList<string> Labels);

/// <summary>Training settings. Defaults are the settings of the shipped model, chosen by cross-validation (see models/MODEL_CARD.md).</summary>
public sealed record FeedbackTrainerOptions
{
    /// <summary>Seed for fold assignment and ML.NET; the same seed and data give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Cross-validation folds (2..20), used for the reported metrics and to choose thresholds.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Custom taxonomies: an example may carry several labels.</summary>
    public bool MultiLabel { get; init; }

    /// <summary>Default taxonomy: urgency decision offsets maximise cross-validated urgency macro-F1 among those whose high-urgency recall reaches this.</summary>
    public double HighUrgencyRecallTarget { get; init; } = 0.9;

    /// <summary>Longest word n-gram.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>Longest character n-gram.</summary>
    public int CharNgrams { get; init; } = 3;

    /// <summary>Most frequent word n-grams kept per length.</summary>
    public int MaxWordNgrams { get; init; } = 100_000;

    /// <summary>Most frequent character n-grams kept per length.</summary>
    public int MaxCharNgrams { get; init; } = 100_000;

    /// <summary>L1 regularisation of the L-BFGS trainers (0.01 keeps the default model at ~3 MB with the same cross-validated quality as dense weights at ~19 MB).</summary>
    public float L1 { get; init; } = 0.01f;

    /// <summary>L2 regularisation of the L-BFGS trainers.</summary>
    public float L2 { get; init; } = 0.01f;

    /// <summary>Example weight = (inverse class frequency)^power: 0 unweighted, 1 fully balanced.</summary>
    public double ClassWeightPower { get; init; } = 0.5;

    /// <summary>
    /// Coordinates of the latent semantic space learned from the training messages and any unlabelled
    /// ones given to the trainer (0: none). See models/MODEL_CARD.md for how the default was chosen.
    /// </summary>
    public int SemanticDimensions { get; init; } = 256;

    /// <summary>Length of a message's semantic coordinates relative to each n-gram block's (1).</summary>
    public float SemanticWeight { get; init; } = 0.5f;

    /// <summary>Characters of each message used (the rest is cut).</summary>
    public int MaxChars { get; init; } = FeatureExtractor.DefaultMaxChars;

    /// <summary>Threads for preparation and parallel folds; 0 = one per core.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Receives a line at each stage of training (preparation, each cross-validation fold, the final fit); null for none.</summary>
    /// <remarks>Called from worker threads: the receiver must be thread-safe (<see cref="Progress{T}"/> and a console writer are).</remarks>
    public IProgress<string>? Progress { get; init; }

    /// <summary>The urgency cue lists to train with; null: the library's own. For tests and experiments with other lists.</summary>
    internal Urgency.UrgencyCueLexicon? CueLexicon { get; init; }

    internal void Validate()
    {
        if (Folds is < 2 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(Folds), Folds, "Folds must be between 2 and 20.");
        }

        if (WordNgrams is < 1 or > 4 || CharNgrams is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(WordNgrams), "n-gram lengths must be 1..4 (words) and 1..5 (characters).");
        }

        if (SemanticDimensions is < 0 or > 1024 || !(SemanticWeight > 0 && SemanticWeight <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(SemanticDimensions), "semantic dimensions must be 0..1024 and their weight in (0, 10].");
        }

        if (HighUrgencyRecallTarget is < 0 or > 1 || ClassWeightPower is < 0 or > 2 || L1 < 0 || L2 < 0 || MaxChars < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HighUrgencyRecallTarget), "an option is out of range.");
        }
    }

    /// <summary>How training messages are prepared: the library's segmenter with these options' cue lists and cut-off.</summary>
    internal FeatureExtractor Extractor() => FeatureExtractor.Default.WithLexicon(Lexicon).WithMaxChars(MaxChars);

    private Urgency.UrgencyCueLexicon Lexicon => CueLexicon ?? Urgency.UrgencyCueLexicon.BuiltIn;

    internal CoreSettings Core() => new(Seed, Folds, new FeaturizerSettings(WordNgrams, CharNgrams, MaxWordNgrams, MaxCharNgrams),
        new HeadSettings(L1, L2), ClassWeightPower, MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount,
        Lexicon, SemanticDimensions, SemanticWeight, Progress);
}

/// <summary>A trained model with its cross-validated evaluation.</summary>
/// <typeparam name="TModel"><see cref="FeedbackClassifier"/> or <see cref="TextClassifier"/>.</typeparam>
/// <param name="Model">The model, trained on all examples.</param>
/// <param name="CrossValidation">k-fold cross-validated metrics on the training examples.</param>
public sealed record TrainingResult<TModel>(TModel Model, EvaluationReport CrossValidation);

/// <summary>A model's evaluation on held-out messages (<see cref="FeedbackTrainer.EvaluateHeldOut"/>).</summary>
/// <param name="Report">Topics, primary and urgency metrics.</param>
/// <param name="UncountedCues">The cue phrases found only in held-out high-urgency messages, which were not counted.</param>
public sealed record HeldOutEvaluation(EvaluationReport Report, IReadOnlySet<string> UncountedCues);

/// <summary>
/// Trains classifiers with ML.NET: the default taxonomy (topics, primary, urgency) or a custom one.
/// Thresholds are chosen on out-of-fold predictions, never on data held out for evaluation.
/// </summary>
public static class FeedbackTrainer
{
    /// <summary>Trains a default-taxonomy classifier.</summary>
    /// <param name="examples">Labelled messages (at least 2 per fold).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="unlabelled">
    /// Optional messages without labels (e.g. every message of the same source): only the semantic space
    /// learns from them, which words occur together. Null entries count as empty.
    /// </param>
    /// <returns>The model and its cross-validated evaluation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="examples"/> is null.</exception>
    /// <exception cref="ArgumentException">Too few examples, or a label outside the default taxonomy.</exception>
    public static TrainingResult<FeedbackClassifier> TrainDefault(IEnumerable<LabelledFeedback> examples, FeedbackTrainerOptions? options = null,
        IEnumerable<string?>? unlabelled = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new FeedbackTrainerOptions();
        options.Validate();
        List<LabelledFeedback> data = [.. examples];
        RequireEnough(data.Count, options.Folds);

        string[] topicLabels = FeedbackTopic.Topics.Select(t => t.Name).ToArray();
        string[] primaryLabels = FeedbackTopic.PrimaryLabels.Select(t => t.Name).ToArray();
        string[] urgencyLabels = UrgencyLevel.Levels.Select(u => u.Name).ToArray();
        var topics = new bool[data.Count][];
        var primary = new int[data.Count];
        var urgency = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            LabelledFeedback e = data[i] ?? throw new ArgumentException($"example {i + 1} is null", nameof(examples));
            try
            {
                primary[i] = Array.IndexOf(primaryLabels, FeedbackTopic.Parse(e.Primary).Name);
                urgency[i] = Array.IndexOf(urgencyLabels, UrgencyLevel.Parse(e.Urgency).Name);
                topics[i] = new bool[topicLabels.Length];
                foreach (string t in e.Topics)
                {
                    int k = Array.IndexOf(topicLabels, FeedbackTopic.Parse(t).Name);
                    if (k < 0)
                    {
                        throw new FormatException($"'{t}' is not one of the four topics");
                    }

                    topics[i][k] = true;
                }
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"example {i + 1}: {ex.Message}", nameof(examples), ex);
            }
        }

        TaskSpec topicsTask = new("topics", true, [.. topicLabels], null, topics);
        TaskSpec primaryTask = new("primary", false, [.. primaryLabels], primary, null);
        TaskSpec urgencyTask = new("urgency", false, [.. urgencyLabels], urgency, null);
        TaskSpec[] tasks = [topicsTask, primaryTask, urgencyTask];
        CoreSettings core = options.Core();
        FeatureExtractor extractor = options.Extractor();
        PreparedMessage[] rows = TrainingCore.Prepare(extractor, data.Select(d => (d.Title, d.Text)).ToList(), core);
        SemanticSpace? semantic = TrainingCore.BuildSemantic(extractor, rows, [.. unlabelled ?? []], core);
        // A fold does not count the cue phrases that only its held-out emergencies contain (a safeguard from when the
        // lists were written with the labelled emergencies in view), so the offsets below are chosen on honest scores.
        TaskScores oof = TrainingCore.CrossValidate(rows, tasks, TrainingCore.Strata(data.Count, primaryTask, urgencyTask), core, semantic,
            cueSources: [.. urgency.Select(u => u == HighIndex)]);

        // Decision rules from out-of-fold probabilities: offsets for primary (macro-F1) and urgency
        // (macro-F1 with high recall held at its target), then each topic's threshold given the primary decisions.
        List<double> primaryOffsets = ChooseOffsets(oof["primary"], primary, primaryLabels, e => e.MacroF1);
        List<UrgencyPointManifest> urgencyPoints = UrgencyOperatingPoints(oof["urgency"], urgency, urgencyLabels, options.HighUrgencyRecallTarget);
        List<double> urgencyThresholds = urgencyPoints.Single(p => p.RecallTarget == options.HighUrgencyRecallTarget).Offsets;
        int[] primaryPred = oof["primary"].Select(p => Decisions.SingleLabel(p, primaryOffsets)).ToArray();
        var topicThresholds = new List<double>();
        for (int k = 0; k < topicLabels.Length; k++)
        {
            topicThresholds.Add(ChooseTopicThreshold(oof["topics"], topics, primaryPred, k));
        }

        EvaluationReport cv = EvaluateDefault(
            $"{options.Folds}-fold cross-validation (seed {options.Seed}) over {data.Count} examples; thresholds chosen on the same out-of-fold predictions",
            topics, primary, urgency, Enumerable.Range(0, data.Count).Select(i =>
                DefaultDecision.Decide(oof["topics"][i], oof["primary"][i], oof["urgency"][i], topicThresholds, primaryOffsets, urgencyThresholds)).ToArray());

        Dictionary<string, TaskDecision> decisions = new()
        {
            ["topics"] = new(topicThresholds, TrainingCore.Calibrate(oof, topicsTask)),
            ["primary"] = new(primaryOffsets, TrainingCore.Calibrate(oof, primaryTask)),
            ["urgency"] = new(urgencyThresholds, TrainingCore.Calibrate(oof, urgencyTask)),
        };
        MeasureCalibration(cv, tasks, oof, decisions);

        core.Progress?.Report("decision thresholds and calibration chosen; training the final model on every example");
        FittedModel final = TrainingCore.Fit(rows, Enumerable.Range(0, rows.Length).ToArray(), tasks, core, semantic, native: true);
        Dictionary<string, string> info = TrainingInfo(data.Count, options, cv, semantic);
        ModelRuntime runtime = TrainingCore.ToRuntime(final, FeedbackClassifier.Kind, tasks, decisions, core, extractor, options.MaxChars, info, urgencyPoints);
        return new TrainingResult<FeedbackClassifier>(new FeedbackClassifier(runtime), cv);
    }

    /// <summary>Trains a classifier for a custom taxonomy (single-label, or multi-label with <see cref="FeedbackTrainerOptions.MultiLabel"/>).</summary>
    /// <param name="examples">Labelled messages; each has one label (or at least one when multi-label).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="unlabelled">Optional messages without labels, for the semantic space (as in <see cref="TrainDefault"/>).</param>
    /// <returns>The model and its cross-validated evaluation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="examples"/> is null.</exception>
    /// <exception cref="ArgumentException">Too few examples or labels, or an example without a label.</exception>
    public static TrainingResult<TextClassifier> TrainCustom(IEnumerable<LabelledText> examples, FeedbackTrainerOptions? options = null,
        IEnumerable<string?>? unlabelled = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new FeedbackTrainerOptions();
        options.Validate();
        List<LabelledText> data = [.. examples];
        RequireEnough(data.Count, options.Folds);
        for (int i = 0; i < data.Count; i++)
        {
            if (data[i] is null || data[i].Labels.Count == 0 || (!options.MultiLabel && data[i].Labels.Count != 1))
            {
                throw new ArgumentException($"example {i + 1} must have {(options.MultiLabel ? "at least one label" : "exactly one label")}", nameof(examples));
            }
        }

        List<string> labels = data.SelectMany(d => d.Labels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new ArgumentException("a classifier needs at least two distinct labels", nameof(examples));
        }

        TaskSpec task = options.MultiLabel
            ? new("label", true, labels, null, data.Select(d => labels.Select(l => d.Labels.Contains(l)).ToArray()).ToArray())
            : new("label", false, labels, data.Select(d => labels.IndexOf(d.Labels[0])).ToArray(), null);
        int[] strata = data.Select(d => labels.IndexOf(d.Labels[0])).ToArray();

        CoreSettings core = options.Core();
        FeatureExtractor extractor = options.Extractor();
        PreparedMessage[] rows = TrainingCore.Prepare(extractor, data.Select(d => (d.Title, d.Text)).ToList(), core);
        SemanticSpace? semantic = TrainingCore.BuildSemantic(extractor, rows, [.. unlabelled ?? []], core);
        double[][] oof = TrainingCore.CrossValidate(rows, [task], strata, core, semantic)[task.Name];

        List<double> thresholds = options.MultiLabel
            ? labels.Select((_, k) => ChooseBinaryThreshold(oof.Select(p => p[k]).ToArray(), task.Multi!.Select(g => g[k]).ToArray())).ToList()
            : ChooseOffsets(oof, task.Single!, labels, e => e.Accuracy + (1e-3 * e.MacroF1));
        string description = $"{options.Folds}-fold cross-validation (seed {options.Seed}) over {data.Count} examples";
        EvaluationReport cv = options.MultiLabel
            ? new EvaluationReport(description, [EvaluationReport.MultiLabel("label", labels, task.Multi!, oof.Select(p => Flags(Decisions.MultiLabel(p, thresholds), labels.Count)).ToArray())])
            : new EvaluationReport(description, [EvaluationReport.SingleLabel("label", labels, task.Single!, oof.Select(p => Decisions.SingleLabel(p, thresholds)).ToArray())]);

        TaskScores scores = new([task], [oof]);
        Dictionary<string, TaskDecision> decisions = new() { [task.Name] = new(thresholds, TrainingCore.Calibrate(scores, task)) };
        MeasureCalibration(cv, [task], scores, decisions);

        core.Progress?.Report("decision thresholds and calibration chosen; training the final model on every example");
        FittedModel final = TrainingCore.Fit(rows, Enumerable.Range(0, rows.Length).ToArray(), [task], core, semantic, native: true);
        ModelRuntime runtime = TrainingCore.ToRuntime(final, TextClassifier.Kind, [task], decisions, core, extractor, options.MaxChars,
            TrainingInfo(data.Count, options, cv, semantic));
        return new TrainingResult<TextClassifier>(new TextClassifier(runtime), cv);
    }

    /// <summary>
    /// Evaluates a default-taxonomy model trained on <paramref name="trainedOn"/> on the held-out
    /// <paramref name="heldOut"/>, not counting the urgency cue phrases that only held-out high-urgency messages contain,
    /// as cross-validation does: the built-in cue lists were written with labelled emergencies in view, and a phrase
    /// only held-out emergencies contain could have come from them, which would overstate how well the model finds
    /// emergencies in text it has never seen.
    /// </summary>
    /// <param name="model">A model trained on <paramref name="trainedOn"/>.</param>
    /// <param name="trainedOn">Its training messages.</param>
    /// <param name="heldOut">Labelled messages it was not trained on.</param>
    /// <returns>The report, and the cue phrases not counted.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static HeldOutEvaluation EvaluateHeldOut(FeedbackClassifier model, IReadOnlyList<LabelledFeedback> trainedOn, IReadOnlyList<LabelledFeedback> heldOut)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainedOn);
        ArgumentNullException.ThrowIfNull(heldOut);
        FeatureExtractor extractor = model.Runtime.Extractor;
        HashSet<string> masked = FeatureExtractor.UnevidencedCues(
            trainedOn.Select(e => extractor.Prepare(e.Title, e.Text)),
            heldOut.Where(e => UrgencyLevel.Parse(e.Urgency) == UrgencyLevel.High).Select(e => extractor.Prepare(e.Title, e.Text)));
        var blind = new FeedbackClassifier(model.Runtime.WithExtractor(extractor.WithMaskedCues(masked)));
        return new HeldOutEvaluation(Evaluate(blind, heldOut), masked);
    }

    // The index of `high` in the urgency task's labels.
    private static readonly int HighIndex = IndexOf(UrgencyLevel.Levels, UrgencyLevel.High);

    /// <summary>Evaluates a default-taxonomy model on labelled messages.</summary>
    /// <param name="model">The model.</param>
    /// <param name="examples">Labelled messages.</param>
    /// <returns>Topics, primary and urgency metrics.</returns>
    public static EvaluationReport Evaluate(FeedbackClassifier model, IEnumerable<LabelledFeedback> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        List<LabelledFeedback> data = [.. examples];
        string[] topicLabels = FeedbackTopic.Topics.Select(t => t.Name).ToArray();
        // Scored once: the result, and the heads' raw probabilities for the calibration figures.
        (FeedbackResult Result, double[][] Raw)[] scored = [.. OrderedParallel.Map(data, d =>
        {
            ScoredMessage s = model.Runtime.Score(d.Title, d.Text);
            return (model.ResultOf(s), s.Probabilities);
        }, 0)];
        FeedbackResult[] results = [.. scored.Select(x => x.Result)];
        var gold = data.Select(d => (
            Topics: topicLabels.Select(l => d.Topics.Any(t => FeedbackTopic.Parse(t).Name == l)).ToArray(),
            Primary: IndexOf(FeedbackTopic.PrimaryLabels, FeedbackTopic.Parse(d.Primary)),
            Urgency: IndexOf(UrgencyLevel.Levels, UrgencyLevel.Parse(d.Urgency)))).ToArray();
        EvaluationReport report = EvaluateDefault($"{data.Count} labelled examples", gold.Select(g => g.Topics).ToArray(), gold.Select(g => g.Primary).ToArray(),
            gold.Select(g => g.Urgency).ToArray(), results.Select(r => (
                IndexOf(FeedbackTopic.PrimaryLabels, r.Primary),
                topicLabels.Select(l => r.Topics.Any(t => t.Name == l)).ToArray(),
                IndexOf(UrgencyLevel.Levels, r.Urgency))).ToArray());

        // Reported probabilities (calibrated) and the heads' raw ones, in each task's label order.
        bool[][][] truth =
        [
            [.. gold.Select(g => g.Topics)],
            CalibrationMetrics.OneHot([.. gold.Select(g => g.Primary)], FeedbackTopic.PrimaryLabels.Count),
            CalibrationMetrics.OneHot([.. gold.Select(g => g.Urgency)], UrgencyLevel.Levels.Count),
        ];
        Func<FeedbackResult, IReadOnlyList<LabelScore>>[] reported = [r => r.TopicScores, r => r.PrimaryScores, r => r.UrgencyScores];
        string[] names = ["topics", "primary", "urgency"];
        for (int t = 0; t < names.Length; t++)
        {
            int task = model.Runtime.TaskIndex(names[t]);
            report[names[t]].MeasureProbabilities([.. results.Select(r => reported[t](r).Select(x => x.Probability).ToArray())], [.. scored.Select(x => x.Raw[task])], truth[t]);
        }

        return report;
    }

    /// <summary>Evaluates a custom-taxonomy model on labelled messages.</summary>
    /// <param name="model">The model.</param>
    /// <param name="examples">Labelled messages.</param>
    /// <returns>Per-label metrics.</returns>
    public static EvaluationReport Evaluate(TextClassifier model, IEnumerable<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        List<LabelledText> data = [.. examples];
        IReadOnlyList<string> labels = model.Labels;
        (LabelResult Result, double[] Raw)[] scored = [.. OrderedParallel.Map(data, d =>
        {
            ScoredMessage s = model.Runtime.Score(d.Title, d.Text);
            return (model.ResultOf(s), s.Probabilities[0]);
        }, 0)];
        LabelResult[] results = [.. scored.Select(x => x.Result)];
        string description = $"{data.Count} labelled examples";
        bool[][] truth = [.. data.Select(d => labels.Select(l => d.Labels.Contains(l)).ToArray())];
        EvaluationReport report;
        if (model.IsMultiLabel)
        {
            report = new EvaluationReport(description, [EvaluationReport.MultiLabel("label", labels, truth,
                results.Select(r => labels.Select(l => r.Labels.Contains(l)).ToArray()).ToArray())]);
        }
        else
        {
            int[] gold = data.Select(d => IndexOfLabel(labels, d.Labels.Count == 1 ? d.Labels[0] : "")).ToArray();
            report = new EvaluationReport(description, [EvaluationReport.SingleLabel("label", labels, gold, results.Select(r => IndexOfLabel(labels, r.Label)).ToArray())]);
        }

        // Reported (calibrated) and the heads' raw probabilities, in label order.
        report.Tasks[0].MeasureProbabilities([.. results.Select(r => r.Scores.Select(x => x.Probability).ToArray())], [.. scored.Select(x => x.Raw)], truth);
        return report;
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T item)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfLabel(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{label}' is not a label of this model ({string.Join(", ", labels)})");
    }

    // Out-of-fold: the calibration is fitted on these same predictions (K + 1 numbers a task, so barely optimistic).
    private static void MeasureCalibration(EvaluationReport report, TaskSpec[] tasks, TaskScores oof, Dictionary<string, TaskDecision> decisions)
    {
        foreach (TaskSpec task in tasks)
        {
            bool[][] truth = task.MultiLabel ? task.Multi! : CalibrationMetrics.OneHot(task.Single!, task.Labels.Count);
            double[][] reported = [.. oof[task.Name].Select(p => ProbabilityCalibration.ApplyTask(p, task.MultiLabel, decisions[task.Name].Calibration))];
            report[task.Name].MeasureProbabilities(reported, oof[task.Name], truth);
        }
    }

    private static EvaluationReport EvaluateDefault(string description, bool[][] topics, int[] primary, int[] urgency, (int Primary, bool[] Topics, int Urgency)[] predicted) =>
        new(description,
        [
            EvaluationReport.MultiLabel("topics", FeedbackTopic.Topics.Select(t => t.Name).ToArray(), topics, predicted.Select(p => p.Topics).ToArray()),
            EvaluationReport.SingleLabel("primary", FeedbackTopic.PrimaryLabels.Select(t => t.Name).ToArray(), primary, predicted.Select(p => p.Primary).ToArray()),
            EvaluationReport.SingleLabel("urgency", UrgencyLevel.Levels.Select(u => u.Name).ToArray(), urgency, predicted.Select(p => p.Urgency).ToArray()),
        ]);

    // Candidate thresholds: fine at the low end, where rare classes such as high urgency need them.
    private static readonly double[] ThresholdGrid = [0.005, 0.01, 0.015, 0.02, .. Enumerable.Range(1, 39).Select(i => i * 0.025)];

    private static readonly double[] OffsetGrid = Enumerable.Range(-32, 65).Select(i => i * 0.25).ToArray();

    // High-recall targets a user may switch to at classification time, besides the one trained for.
    private static readonly double[] OperatingPointTargets = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

    /// <summary>
    /// Urgency offsets for each target of <see cref="OperatingPointTargets"/> and <paramref name="trained"/>:
    /// macro-F1 at best among the offsets that keep high-urgency recall at the target, each measured on the
    /// same out-of-fold predictions. A target other than the trained one that no offset reaches is left out.
    /// </summary>
    private static List<UrgencyPointManifest> UrgencyOperatingPoints(double[][] oof, int[] gold, IReadOnlyList<string> labels, double trained)
    {
        var points = new List<UrgencyPointManifest>();
        foreach (double target in OperatingPointTargets.Append(trained).Where(t => t > 0).Distinct().Order())
        {
            List<double> offsets = ChooseOffsets(oof, gold, labels, e => e.Classes[HighIndex].Recall >= target ? e.MacroF1 : e.Classes[HighIndex].Recall - 1);
            int[] decided = [.. oof.Select(p => Decisions.SingleLabel(p, offsets))];
            TaskEvaluation e = EvaluationReport.SingleLabel("urgency", labels, gold, decided);
            if (e.Classes[HighIndex].Recall < target && target != trained)
            {
                continue; // out of reach on these predictions (no offset of the grid finds enough emergencies): not offered
            }

            points.Add(new UrgencyPointManifest
            {
                RecallTarget = target,
                Offsets = offsets,
                HighRecall = e.Classes[HighIndex].Recall,
                HighPrecision = e.Classes[HighIndex].Precision,
                FlaggedShare = (double)decided.Count(d => d == HighIndex) / decided.Length,
                MacroF1 = e.MacroF1,
            });
        }

        return points;
    }

    /// <summary>
    /// Per-label log-probability offsets that maximise <paramref name="objective"/> on out-of-fold
    /// predictions, by coordinate ascent from all-zero (plain argmax); the most frequent label stays at 0.
    /// </summary>
    private static List<double> ChooseOffsets(double[][] p, int[] gold, IReadOnlyList<string> labels, Func<TaskEvaluation, double> objective)
    {
        var offsets = new double[labels.Count];
        int anchor = Enumerable.Range(0, labels.Count).MaxBy(c => gold.Count(g => g == c));
        double Score(double[] o) => objective(EvaluationReport.SingleLabel("", labels, gold, p.Select(x => Decisions.SingleLabel(x, o)).ToArray()));
        double best = Score(offsets);
        for (int pass = 0; pass < 3; pass++)
        {
            bool improved = false;
            for (int c = 0; c < labels.Count; c++)
            {
                if (c == anchor)
                {
                    continue;
                }

                double keep = offsets[c];
                foreach (double v in OffsetGrid)
                {
                    offsets[c] = v;
                    double score = Score(offsets);
                    if (score > best + 1e-9)
                    {
                        best = score;
                        keep = v;
                        improved = true;
                    }
                }

                offsets[c] = keep;
            }

            if (!improved)
            {
                break;
            }
        }

        return [.. offsets];
    }

    /// <summary>
    /// Topic k: the threshold with the best F1 of the default rule "primary is k, or P(k) over the
    /// threshold, never when primary is other", i.e. a plain threshold on a score that is +inf when the
    /// primary is k and -inf when it is other.
    /// </summary>
    private static double ChooseTopicThreshold(double[][] p, bool[][] gold, int[] primaryPred, int k) =>
        ChooseBinaryThreshold(
            p.Select((x, i) => primaryPred[i] == DefaultDecision.OtherIndex ? double.NegativeInfinity : primaryPred[i] == k ? double.PositiveInfinity : x[k]).ToArray(),
            gold.Select(g => g[k]).ToArray());

    /// <summary>The threshold of the grid with the best F1 of "score at or over the threshold".</summary>
    private static double ChooseBinaryThreshold(double[] p, bool[] gold)
    {
        double best = 0.5, bestF1 = -1;
        foreach (double t in ThresholdGrid)
        {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < p.Length; i++)
            {
                bool pred = p[i] >= t;
                tp += pred && gold[i] ? 1 : 0;
                fp += pred && !gold[i] ? 1 : 0;
                fn += !pred && gold[i] ? 1 : 0;
            }

            double f1 = tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
            if (f1 > bestF1)
            {
                bestF1 = f1;
                best = t;
            }
        }

        return best;
    }

    private static Dictionary<string, string> TrainingInfo(int examples, FeedbackTrainerOptions o, EvaluationReport cv, SemanticSpace? semantic)
    {
        var info = new Dictionary<string, string>
        {
            ["examples"] = examples.ToString(CultureInfo.InvariantCulture),
            ["seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["folds"] = o.Folds.ToString(CultureInfo.InvariantCulture),
            ["trainer"] = $"ML.NET L-BFGS (logistic regression per topic, maximum entropy per single-label task), L1 {o.L1}, L2 {o.L2}, class weight power {o.ClassWeightPower}",
            ["features"] = $"TF-IDF word 1-{o.WordNgrams}-grams (jieba-compatible segmenter) + character 1-{o.CharNgrams}-grams, each L2-normalised, + urgency cue counts",
            ["semantic"] = semantic is null ? "none" : $"{semantic.Dimensions} latent coordinates (truncated SVD) over {semantic.TermCount} words of {semantic.Documents} messages, weight {o.SemanticWeight}",
        };
        foreach (TaskEvaluation t in cv.Tasks)
        {
            info[$"cv.{t.Name}.macroF1"] = t.MacroF1.ToString("0.0000", CultureInfo.InvariantCulture);
            info[$"cv.{t.Name}.accuracy"] = t.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture);
        }

        return info;
    }

    private static void RequireEnough(int count, int folds)
    {
        if (count < folds * 2)
        {
            throw new ArgumentException($"training needs at least {folds * 2} examples for {folds}-fold cross-validation; got {count}");
        }
    }

    private static bool[] Flags(List<int> chosen, int count)
    {
        var flags = new bool[count];
        foreach (int i in chosen)
        {
            flags[i] = true;
        }

        return flags;
    }
}
