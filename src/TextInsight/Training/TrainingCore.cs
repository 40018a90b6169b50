using Microsoft.ML;
using Microsoft.ML.Data;
using TextInsight.Classification;
using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Features;

namespace TextInsight.Training;

/// <summary>
/// One named task the trainer runs its pipeline over (topics, primary and urgency for the default taxonomy, label for a
/// custom one): its labels and their gold values over the training examples.
/// </summary>
internal sealed class TaskSpec(string name, bool multiLabel, List<string> labels, int[]? single, bool[][]? multi)
{
    internal string Name { get; } = name;

    internal bool MultiLabel { get; } = multiLabel;

    internal List<string> Labels { get; } = labels;

    /// <summary>Single-label: the class index of each example.</summary>
    internal int[]? Single { get; } = single;

    /// <summary>Multi-label: per example, whether it carries each label.</summary>
    internal bool[][]? Multi { get; } = multi;

    /// <summary>Example <paramref name="i"/>'s gold label index (single-label tasks).</summary>
    internal int StratumOf(int i) => Single![i];
}

/// <summary>Per task, by name, per example, the label probabilities (out-of-fold predictions).</summary>
internal sealed class TaskScores(IReadOnlyList<TaskSpec> tasks, double[][][] byPosition)
{
    /// <summary>The probabilities of the task named <paramref name="task"/>, per example.</summary>
    internal double[][] this[string task] => byPosition[IndexOf(task)];

    private int IndexOf(string task)
    {
        for (int t = 0; t < tasks.Count; t++)
        {
            if (tasks[t].Name == task)
            {
                return t;
            }
        }

        throw new ArgumentException($"no task '{task}'", nameof(task));
    }
}

/// <summary>How a trained task decides and reports: its thresholds or offsets, and its probability calibration.</summary>
internal sealed record TaskDecision(List<double> Thresholds, List<double> Calibration);

/// <summary>Settings shared by every fit of one training run.</summary>
internal sealed record CoreSettings(int Seed, int Folds, FeaturizerSettings Featurizer, HeadSettings Heads, double ClassWeightPower, int Threads,
    Urgency.UrgencyCueLexicon Lexicon, int SemanticDimensions = 0, float SemanticWeight = 0, IProgress<string>? Progress = null);

/// <summary>
/// A fitted featurizer with its heads, its verified native twin when one was asked for, and the semantic
/// space whose coordinates follow the featurizer's features (null: none).
/// </summary>
internal sealed record FittedModel(MLContext Ml, ITransformer Featurizer, DataViewSchema InputSchema, int Dimension, LinearHead[][] Heads,
    SemanticSpace? Semantic, NgramFeaturizer? Native = null, string NativeCheck = "");

/// <summary>Fitting and cross-validation for any set of tasks over the same messages.</summary>
internal static class TrainingCore
{
    internal static PreparedMessage[] Prepare(FeatureExtractor extractor, IReadOnlyList<(string? Title, string Text)> messages, CoreSettings s)
    {
        var prepared = new PreparedMessage[messages.Count];
        Parallel.For(0, messages.Count, new ParallelOptions { MaxDegreeOfParallelism = s.Threads },
            i => prepared[i] = extractor.Prepare(messages[i].Title, messages[i].Text));
        s.Progress?.Report($"prepared {prepared.Length} messages (normalised, segmented, cue phrases found)");
        return prepared;
    }

    /// <summary>
    /// The semantic space of the training messages and <paramref name="unlabelled"/> ones (labels are not
    /// used, so every fold may share it); null when the settings ask for none or the texts are too few.
    /// </summary>
    internal static SemanticSpace? BuildSemantic(FeatureExtractor extractor, PreparedMessage[] rows, IReadOnlyList<string?> unlabelled, CoreSettings s)
    {
        if (s.SemanticDimensions == 0)
        {
            s.Progress?.Report("no semantic space");
            return null;
        }

        var words = new string[rows.Length + unlabelled.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            words[i] = rows[i].Row.Words;
        }

        Parallel.For(0, unlabelled.Count, new ParallelOptions { MaxDegreeOfParallelism = s.Threads },
            i => words[rows.Length + i] = extractor.Prepare(null, unlabelled[i] ?? "").Row.Words);
        SemanticSpace? space = SemanticSpace.Build(words, s.SemanticDimensions, s.SemanticWeight, SemanticMaxTerms, SemanticMinDocuments, s.Seed);
        s.Progress?.Report(space is null ? "no semantic space (too few texts)" : $"semantic space built ({space.Dimensions} coordinates)");
        return space;
    }

    // Words in fewer messages say little about co-occurrence; 20k words keep the space at ~10 MB.
    private const int SemanticMaxTerms = 20_000;
    private const int SemanticMinDocuments = 3;

    /// <summary>
    /// Fits the featurizer and every head on the examples <paramref name="idx"/>; with <paramref name="native"/>,
    /// also the native featurizer that scoring uses, kept only if it reproduces ML.NET's vectors.
    /// </summary>
    internal static FittedModel Fit(PreparedMessage[] rows, int[] idx, IReadOnlyList<TaskSpec> tasks, CoreSettings s, SemanticSpace? semantic, bool native = false)
    {
        var ml = new MLContext(seed: s.Seed);
        IDataView data = ml.Data.LoadFromEnumerable(idx.Select(i => rows[i].Row), FeatureRow.Schema(s.Lexicon.FeatureCount));
        ITransformer featurizer = FeaturizerFactory.Create(ml, s.Featurizer).Fit(data);
        VBuffer<float>[] ngrams = Featurize(ml, featurizer, rows, idx, s.Lexicon.FeatureCount, out int ngramDim);
        VBuffer<float>[] x = WithSemantic(ngrams, rows, idx, semantic);
        int dim = ngramDim + (semantic?.Dimensions ?? 0);

        var heads = new LinearHead[tasks.Count][];
        for (int t = 0; t < tasks.Count; t++)
        {
            TaskSpec task = tasks[t];
            if (task.MultiLabel)
            {
                heads[t] = new LinearHead[task.Labels.Count];
                for (int k = 0; k < task.Labels.Count; k++)
                {
                    bool[] y = idx.Select(i => task.Multi![i][k]).ToArray();
                    heads[t][k] = HeadTrainer.TrainBinary(ml, x, y, BinaryWeights(y, s.ClassWeightPower), dim, s.Heads);
                }
            }
            else
            {
                int[] y = idx.Select(i => task.Single![i]).ToArray();
                heads[t] = [HeadTrainer.TrainMulticlass(ml, x, y, ClassWeights(y, task.Labels.Count, s.ClassWeightPower), task.Labels.Count, dim, s.Heads)];
            }
        }

        if (!native)
        {
            return new FittedModel(ml, featurizer, data.Schema, dim, heads, semantic);
        }

        (NgramFeaturizer? twin, string check) = BuildNative(featurizer, data.Schema, idx.Select(i => rows[i].Row).ToArray(), ngrams, s.Featurizer, s.Lexicon.FeatureCount);
        return new FittedModel(ml, featurizer, data.Schema, dim, heads, semantic, twin, check);
    }

    // Largest difference from ML.NET's features tolerated: float rounding of the same arithmetic is ~1e-7.
    private const double NativeTolerance = 1e-5;

    /// <summary>The native featurizer for a fitted ML.NET one, checked on every training row.</summary>
    private static (NgramFeaturizer? Native, string Check) BuildNative(ITransformer featurizer, DataViewSchema input, FeatureRow[] training,
        VBuffer<float>[] expected, FeaturizerSettings settings, int cueFeatures)
    {
        DataViewSchema output = featurizer.GetOutputSchema(input);
        NgramFeaturizer? native = NgramFeaturizer.Build(FeatureVectorRow.SlotNames(output["WordGrams"]), FeatureVectorRow.SlotNames(output["CharGrams"]), training,
            settings.WordNgrams, settings.CharNgrams, cueFeatures);
        if (native is null)
        {
            return (null, "ML.NET (the vocabulary's n-gram names are ambiguous)");
        }

        double worst = native.Verify(training, expected);
        string measured = $"max |difference| {worst:0.0e+0} over {training.Length} training messages";
        return worst <= NativeTolerance
            ? (native, "native, verified against ML.NET: " + measured)
            : (null, "ML.NET (native featurizer differed: " + measured + ")");
    }

    /// <summary>Per task, per example in <paramref name="idx"/>, the label probabilities.</summary>
    internal static double[][][] Predict(FittedModel model, PreparedMessage[] rows, int[] idx)
    {
        VBuffer<float>[] x = WithSemantic(Featurize(model.Ml, model.Featurizer, rows, idx, ((VectorDataViewType)model.InputSchema["Cues"].Type).Size, out _), rows, idx, model.Semantic);
        var weights = new WeightTable(model.Heads, model.Dimension);
        double[][][] byMessage = x.Select(v => weights.Predict(v)).ToArray();
        return [.. Enumerable.Range(0, model.Heads.Length).Select(t => byMessage.Select(p => p[t]).ToArray())];
    }

    /// <summary>
    /// k-fold cross-validation, folds stratified by <paramref name="strata"/> after a seeded shuffle:
    /// out-of-fold probabilities per task and example. Folds run in parallel. With <paramref name="cueSources"/>
    /// (the examples the cue lists may have been written from), a fold's held-out messages do not count the cue
    /// phrases found in its held-out sources but in none of its training messages (<see cref="FeatureExtractor.UnevidencedCues"/>).
    /// </summary>
    internal static TaskScores CrossValidate(PreparedMessage[] rows, IReadOnlyList<TaskSpec> tasks, int[] strata, CoreSettings s,
        SemanticSpace? semantic, bool[]? cueSources = null)
    {
        int[] fold = AssignFolds(strata, s.Folds, s.Seed);
        var oof = new double[tasks.Count][][];
        for (int t = 0; t < tasks.Count; t++)
        {
            oof[t] = new double[rows.Length][];
        }

        int done = 0;
        Parallel.For(0, s.Folds, new ParallelOptions { MaxDegreeOfParallelism = s.Threads }, f =>
        {
            int[] train = Enumerable.Range(0, rows.Length).Where(i => fold[i] != f).ToArray();
            int[] test = Enumerable.Range(0, rows.Length).Where(i => fold[i] == f).ToArray();
            PreparedMessage[] foldRows = rows;
            if (cueSources is not null)
            {
                HashSet<string> masked = FeatureExtractor.UnevidencedCues(train.Select(i => rows[i]), test.Where(i => cueSources[i]).Select(i => rows[i]));
                foldRows = (PreparedMessage[])rows.Clone();
                foreach (int i in test)
                {
                    foldRows[i] = FeatureExtractor.Mask(rows[i], masked, s.Lexicon);
                }
            }

            FittedModel model = Fit(foldRows, train, tasks, s, semantic);
            double[][][] p = Predict(model, foldRows, test);
            for (int t = 0; t < tasks.Count; t++)
            {
                for (int j = 0; j < test.Length; j++)
                {
                    oof[t][test[j]] = p[t][j];
                }
            }

            s.Progress?.Report($"cross-validation: {Interlocked.Increment(ref done)} of {s.Folds} folds trained");
        });
        return new TaskScores(tasks, oof);
    }

    /// <summary>Per example, the combination of its gold labels in the single-label tasks <paramref name="by"/>, numbered (for <see cref="CrossValidate"/>).</summary>
    internal static int[] Strata(int count, params TaskSpec[] by)
    {
        var strata = new int[count];
        for (int i = 0; i < count; i++)
        {
            foreach (TaskSpec task in by)
            {
                strata[i] = (strata[i] * (task.Labels.Count + 1)) + task.StratumOf(i) + 1;
            }
        }

        return strata;
    }

    /// <summary>Seeded shuffle, then round-robin within each stratum, so every fold sees every class.</summary>
    internal static int[] AssignFolds(int[] strata, int folds, int seed)
    {
        var rng = new Random(seed);
        int[] order = Enumerable.Range(0, strata.Length).ToArray();
        rng.Shuffle(order);
        var fold = new int[strata.Length];
        var next = new Dictionary<int, int>();
        foreach (int i in order)
        {
            next.TryGetValue(strata[i], out int n);
            fold[i] = n % folds;
            next[strata[i]] = n + 1;
        }

        return fold;
    }

    private static VBuffer<float>[] Featurize(MLContext ml, ITransformer featurizer, PreparedMessage[] rows, int[] idx, int cueFeatures, out int dim)
    {
        IDataView transformed = featurizer.Transform(ml.Data.LoadFromEnumerable(idx.Select(i => rows[i].Row), FeatureRow.Schema(cueFeatures)));
        dim = ((VectorDataViewType)transformed.Schema["Features"].Type).Size;
        return ml.Data.CreateEnumerable<FeatureVectorRow>(transformed, reuseRowObject: false).Select(r => r.Features).ToArray();
    }

    private static VBuffer<float>[] WithSemantic(VBuffer<float>[] x, PreparedMessage[] rows, int[] idx, SemanticSpace? semantic)
    {
        if (semantic is null)
        {
            return x;
        }

        var appended = new VBuffer<float>[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            appended[j] = semantic.Append(x[j], rows[idx[j]].Row.Words);
        }

        return appended;
    }

    /// <summary>Inverse class frequency to the power <paramref name="power"/> (0 = unweighted, 1 = balanced).</summary>
    private static float[] ClassWeights(int[] y, int classes, double power)
    {
        var count = new int[classes];
        foreach (int c in y)
        {
            count[c]++;
        }

        return y.Select(c => (float)Math.Pow((double)y.Length / (classes * Math.Max(1, count[c])), power)).ToArray();
    }

    private static float[] BinaryWeights(bool[] y, double power)
    {
        int pos = y.Count(v => v), neg = y.Length - pos;
        float wp = (float)Math.Pow(y.Length / (2.0 * Math.Max(1, pos)), power);
        float wn = (float)Math.Pow(y.Length / (2.0 * Math.Max(1, neg)), power);
        return y.Select(v => v ? wp : wn).ToArray();
    }

    /// <summary>Per task, the calibration of its reported probabilities, fitted on out-of-fold predictions.</summary>
    internal static List<double> Calibrate(TaskScores oof, TaskSpec task) => task.MultiLabel
        ? [.. Enumerable.Range(0, task.Labels.Count).SelectMany(k =>
            ProbabilityCalibration.FitBinary([.. oof[task.Name].Select(p => p[k])], [.. task.Multi!.Select(g => g[k])]))]
        : [.. ProbabilityCalibration.FitSoftmax(oof[task.Name], task.Single!)];

    /// <summary>The runtime for a fitted model with its decision thresholds and probability calibration.</summary>
    internal static ModelRuntime ToRuntime(FittedModel model, string kind, IReadOnlyList<TaskSpec> tasks, IReadOnlyDictionary<string, TaskDecision> decisions,
        CoreSettings s, FeatureExtractor extractor, int maxChars, Dictionary<string, string> training,
        List<UrgencyPointManifest>? urgencyPoints = null)
    {
        var manifest = new ModelManifest
        {
            Kind = kind,
            LibraryVersion = typeof(TrainingCore).Assembly.GetName().Version?.ToString() ?? "",
            FeatureDimension = model.Dimension,
            CueLexicon = extractor.Lexicon.Fingerprint,
            CueFeatures = extractor.Lexicon.FeatureCount,
            NormalizerRules = Normalization.TextNormalizer.RulesVersion,
            TranscriptRules = Normalization.Transcript.RulesVersion,
            Segmenter = Jieba.Segmentation.JiebaSegmenter.BuiltInFingerprint,
            MaxChars = maxChars,
            TranscriptScanChars = FeatureExtractor.TranscriptParseFactor * maxChars,
            Featurizer = s.Featurizer,
            Heads = s.Heads,
            Tasks = tasks.Select(t => new TaskManifest
            {
                Name = t.Name, MultiLabel = t.MultiLabel, Labels = t.Labels, Thresholds = decisions[t.Name].Thresholds, Calibration = decisions[t.Name].Calibration,
            }).ToList(),
            Training = training,
            UrgencyOperatingPoints = urgencyPoints ?? [],
        };
        manifest.Training["featurizer"] = model.NativeCheck;
        var ml = new Lazy<MlFeaturizer>(new MlFeaturizer(model.Ml, model.Featurizer, model.InputSchema, extractor.Lexicon.FeatureCount));
        var weights = new WeightTable(model.Heads, model.Dimension);
        var explainer = new Classification.Explanation.TermExplainer(weights, model.Dimension - (model.Semantic?.Dimensions ?? 0),
            Classification.Explanation.TermExplainer.Names(null, model.Native, ml), extractor.Segmenter);
        return new ModelRuntime(manifest, extractor, ml, model.Native, model.Semantic, model.Heads, weights, explainer);
    }
}
