using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using TextInsight.Features;
using TextInsight.Grouping;

namespace TextInsight.Training;

/// <summary>A judged message pair: the two messages' ids and the judgement, as in issue_pairs.tsv.</summary>
/// <param name="IdA">Id of one message.</param>
/// <param name="IdB">Id of the other.</param>
/// <param name="Label"><c>same</c> (the same issue); anything else is not: <c>related</c> (same place or same problem, not both) or <c>different</c>.</param>
public sealed record JudgedPair(string IdA, string IdB, string Label)
{
    /// <summary>The label that means "the same issue".</summary>
    public const string Same = "same";

    /// <summary>The label of the hard negatives: same place with another problem, or the same problem elsewhere.</summary>
    public const string Related = "related";

    /// <summary>Whether the pair is judged the same issue.</summary>
    public bool IsSame => string.Equals(Label, Same, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Out-of-fold quality of a same-issue model on judged pairs.</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="Pairs">Pairs scored (each once, by the model that did not see it).</param>
/// <param name="Precision">Share of pairs decided "same" that are judged same.</param>
/// <param name="Recall">Share of pairs judged same that are decided "same".</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
/// <param name="RelatedMerged">Share of <c>related</c> pairs decided "same": how often another issue at the same place, or the same problem elsewhere, is merged.</param>
/// <param name="PrecisionInterval">95% Wilson interval of the precision.</param>
/// <param name="RecallInterval">95% Wilson interval of the recall.</param>
/// <param name="F1Interval">95% bootstrap interval of F1 (1,000 resamples of the pairs).</param>
/// <param name="RelatedMergedInterval">95% Wilson interval of the related-merged share.</param>
/// <param name="OperatingPoints">The same out-of-fold scores decided at fixed thresholds instead of each fold's own: the trade-off between merging repeats and keeping related issues apart.</param>
public sealed record SameIssueEvaluation(
    int Folds, int Pairs, double Precision, double Recall, double F1, double RelatedMerged,
    MetricInterval PrecisionInterval, MetricInterval RecallInterval, MetricInterval F1Interval, MetricInterval RelatedMergedInterval,
    IReadOnlyList<SameIssueOperatingPoint> OperatingPoints)
{
    /// <summary>
    /// The baseline on the same folds: character 2-4-gram TF-IDF cosine alone, deciding at the threshold that maximises
    /// F1 on each fold's training pairs (what a user would otherwise build). Null on the baseline itself.
    /// </summary>
    public SameIssueEvaluation? CosineBaseline { get; init; }

    /// <summary>One line for a console.</summary>
    /// <returns>The metrics with their intervals.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"same-issue pairs, {Folds}-fold CV over {Pairs}: P {Precision:0.000} {PrecisionInterval}, R {Recall:0.000} {RecallInterval}, F1 {F1:0.000} {F1Interval}; related merged {RelatedMerged:0.0%} {RelatedMergedInterval}");
}

/// <summary>Out-of-fold quality at one fixed threshold.</summary>
/// <param name="Threshold">The score from which a pair is decided "same".</param>
/// <param name="Precision">Precision of "same".</param>
/// <param name="Recall">Recall of "same".</param>
/// <param name="F1">F1 of "same".</param>
/// <param name="RelatedMerged">Share of related pairs decided "same".</param>
public sealed record SameIssueOperatingPoint(double Threshold, double Precision, double Recall, double F1, double RelatedMerged);

/// <summary>
/// Trains a <see cref="SameIssueModel"/>: document frequencies counted over a corpus of messages (unlabelled), and an
/// ML.NET logistic regression over the pair features of judged pairs, its L2 regularisation chosen by an inner
/// cross-validation on those pairs, deciding at the threshold that maximises F1 of <c>same</c> on the training pairs
/// (among those merging at most a given share of the <c>related</c> pairs, when a cap is given).
/// </summary>
public static class SameIssueTrainer
{
    /// <summary>Size of the document-frequency table, as a power of two (4 MB).</summary>
    private const int FrequencyBits = 20;

    private static readonly double[] ReportedThresholds = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>
    /// L2 strengths tried, strongest first (ties go to the stronger). With a few hundred pairs and correlated features
    /// the weakest overfits: on our pairs 1 gave F1 0.907, 30 gave 0.916 (5-fold CV, 5 seeds).
    /// </summary>
    private static readonly float[] L2Choices = [100f, 30f, 10f, 3f, 1f];

    private const int InnerFolds = 5;

    /// <summary>Words rarer than this (corpus idf) may be anchors: "小区" alone names no place.</summary>
    private const double AnchorMinIdf = 4.0;

    /// <summary>
    /// Coordinates of the semantic space learned from the corpus. On our pairs (python prototype, 5-fold CV, 10 seeds)
    /// 128 to 256 gave the same gain (F1 +0.010, related merged −2.5 points); 64 gave less. 128 halves the memory.
    /// </summary>
    private const int SemanticDimensions = 128;

    private const int SemanticMaxTerms = 20_000;
    private const int SemanticMinDocuments = 3;
    private const int SemanticSeed = 42;

    /// <summary>Trains a model.</summary>
    /// <param name="corpus">Messages whose document frequencies weigh words and n-grams (all you have, labelled or not); it must hold every message the pairs name.</param>
    /// <param name="pairs">Judged pairs, both labels present.</param>
    /// <param name="seed">Seed of the trainer.</param>
    /// <param name="maxRelatedMerged">
    /// The largest share of the <c>related</c> training pairs the threshold may merge (1: no limit, the threshold of best
    /// F1). Below 1 the threshold is the best-F1 one among those merging at most this share: fewer of a place's other
    /// problems joined to an issue, more repeats left apart.
    /// </param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">A pair names a message the corpus lacks, or the pairs hold only one label.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRelatedMerged"/> is not in (0, 1].</exception>
    public static SameIssueModel Train(IReadOnlyList<IssueMessage> corpus, IReadOnlyList<JudgedPair> pairs, int seed = 42, double maxRelatedMerged = 1.0)
    {
        CheckCap(maxRelatedMerged);
        (CorpusStatistics stats, float[][] features, bool[] same) = Prepare(corpus, pairs);
        return Fit(stats, features, same, Labels(pairs), Enumerable.Range(0, pairs.Count).ToArray(), seed, maxRelatedMerged);
    }

    /// <summary>
    /// Cross-validates the training on judged pairs: folds stratified by label, each fold scored by a model trained on
    /// the others (its regularisation and threshold chosen there, so nothing is tuned on the pairs it is scored on).
    /// </summary>
    /// <param name="corpus">As for <see cref="Train"/>.</param>
    /// <param name="pairs">As for <see cref="Train"/>.</param>
    /// <param name="folds">Number of folds, at least 2.</param>
    /// <param name="seed">Seed of the fold assignment and the trainer.</param>
    /// <param name="maxRelatedMerged">As for <see cref="Train"/>, applied to each fold's training pairs (and to the baseline's threshold).</param>
    /// <returns>The out-of-fold evaluation.</returns>
    public static SameIssueEvaluation CrossValidate(IReadOnlyList<IssueMessage> corpus, IReadOnlyList<JudgedPair> pairs, int folds = 5, int seed = 42, double maxRelatedMerged = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        CheckCap(maxRelatedMerged);
        (CorpusStatistics stats, float[][] features, bool[] same) = Prepare(corpus, pairs);
        string[] labels = Labels(pairs);
        bool[] related = [.. labels.Select(l => l == JudgedPair.Related)];
        int[] fold = Folds(labels, folds, seed);
        var decided = new bool[pairs.Count];
        var baseline = new bool[pairs.Count];
        var scores = new double[pairs.Count];
        for (int k = 0; k < folds; k++)
        {
            int[] train = [.. Enumerable.Range(0, pairs.Count).Where(i => fold[i] != k)];
            SameIssueModel model = Fit(stats, features, same, labels, train, seed, maxRelatedMerged);
            double cosineThreshold = BestThreshold([.. train.Select(i => ((double)features[i][0], same[i], related[i]))], maxRelatedMerged);
            foreach (int i in Enumerable.Range(0, pairs.Count).Where(i => fold[i] == k))
            {
                scores[i] = model.ScoreFeatures(features[i]);
                decided[i] = scores[i] >= model.Threshold;
                baseline[i] = features[i][0] >= cosineThreshold;
            }
        }

        SameIssueOperatingPoint[] points = [.. ReportedThresholds.Select(t =>
        {
            bool[] at = [.. scores.Select(x => x >= t)];
            (double p, double r, double f1) = Metrics(at, same, Enumerable.Range(0, at.Length));
            return new SameIssueOperatingPoint(t, p, r, f1, Count(at, related) / (double)Math.Max(1, related.Count(x => x)));
        })];
        return Evaluate(decided, same, related, folds, points) with { CosineBaseline = Evaluate(baseline, same, related, folds, []) };
    }

    private static string[] Labels(IReadOnlyList<JudgedPair> pairs) => [.. pairs.Select(p => p.Label.ToLowerInvariant())];

    /// <summary>Fold of each pair: each label's pairs shuffled (seeded) and dealt round-robin.</summary>
    internal static int[] Folds(IReadOnlyList<string> labels, int folds, int seed)
    {
        var rng = new Random(seed);
        var fold = new int[labels.Count];
        foreach (IGrouping<string, int> label in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] members = [.. label];
            rng.Shuffle(members);
            for (int j = 0; j < members.Length; j++)
            {
                fold[members[j]] = j % folds;
            }
        }

        return fold;
    }

    internal static (CorpusStatistics Stats, float[][] Features, bool[] Same) Prepare(IReadOnlyList<IssueMessage> corpus, IReadOnlyList<JudgedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(pairs);
        var byId = new Dictionary<string, IssueMessage>(StringComparer.Ordinal);
        foreach (IssueMessage m in corpus)
        {
            byId.TryAdd(m.Id, m);
        }

        foreach (JudgedPair p in pairs)
        {
            if (!byId.ContainsKey(p.IdA) || !byId.ContainsKey(p.IdB))
            {
                throw new ArgumentException($"The pair {p.IdA} / {p.IdB} names a message the corpus does not hold.", nameof(pairs));
            }
        }

        if (pairs.All(p => p.IsSame) || !pairs.Any(p => p.IsSame))
        {
            throw new ArgumentException("The pairs must hold both 'same' pairs and others.", nameof(pairs));
        }

        var counter = new IssueDocumentBuilder(SameIssueModel.Tagger, null, 0);
        HashSet<ulong>[] keys = new HashSet<ulong>[corpus.Count];
        string[] words = new string[corpus.Count];
        Parallel.For(0, corpus.Count, i => (keys[i], words[i]) = counter.CorpusEntry(corpus[i].Title, corpus[i].Text));
        DocumentFrequencies df = DocumentFrequencies.Count(keys, FrequencyBits);
        // Unsupervised, like the frequencies; null when the corpus has too few words (the feature is then 0).
        SemanticSpace? semantic = SemanticSpace.Build(words, SemanticDimensions, 1f, SemanticMaxTerms, SemanticMinDocuments, SemanticSeed);

        var builder = new IssueDocumentBuilder(SameIssueModel.Tagger, df, (float)AnchorMinIdf, semantic);
        string[] needed = [.. pairs.SelectMany(p => new[] { p.IdA, p.IdB }).Distinct(StringComparer.Ordinal)];
        var docs = new IssueDocument[needed.Length];
        Parallel.For(0, needed.Length, i => docs[i] = builder.Build(byId[needed[i]].Title, byId[needed[i]].Text));
        Dictionary<string, IssueDocument> docById = needed.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => docs[x.i], StringComparer.Ordinal);

        var features = new float[pairs.Count][];
        for (int i = 0; i < pairs.Count; i++)
        {
            features[i] = new float[PairFeatures.Count];
            PairFeatures.Compute(docById[pairs[i].IdA], docById[pairs[i].IdB], df, features[i]);
        }

        return (new CorpusStatistics(df, semantic), features, [.. pairs.Select(p => p.IsSame)]);
    }

    /// <summary>What a model learns from the unlabelled corpus: document frequencies and the semantic space.</summary>
    internal sealed record CorpusStatistics(DocumentFrequencies Frequencies, SemanticSpace? Semantic);

    private static void CheckCap(double maxRelatedMerged)
    {
        if (!(maxRelatedMerged > 0 && maxRelatedMerged <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRelatedMerged), maxRelatedMerged, "The share of related pairs merged must be in (0, 1].");
        }
    }

    /// <summary>A model fitted on <paramref name="rows"/> with the L2 strength that scores best in an inner cross-validation on them.</summary>
    private static SameIssueModel Fit(CorpusStatistics stats, float[][] features, bool[] same, string[] labels, int[] rows, int seed, double maxRelatedMerged)
    {
        int[] inner = Folds([.. rows.Select(i => labels[i])], InnerFolds, seed);
        float bestL2 = L2Choices[0];
        double bestF1 = -1;
        foreach (float l2 in L2Choices)
        {
            var decided = new bool[rows.Length];
            for (int k = 0; k < InnerFolds; k++)
            {
                int[] train = [.. Enumerable.Range(0, rows.Length).Where(j => inner[j] != k).Select(j => rows[j])];
                SameIssueModel model = Fit(stats, features, same, labels, train, seed, l2, maxRelatedMerged);
                foreach (int j in Enumerable.Range(0, rows.Length).Where(j => inner[j] == k))
                {
                    decided[j] = model.ScoreFeatures(features[rows[j]]) >= model.Threshold;
                }
            }

            double f1 = Metrics(decided, [.. rows.Select(i => same[i])], Enumerable.Range(0, rows.Length)).F1;
            if (f1 > bestF1)
            {
                (bestF1, bestL2) = (f1, l2);
            }
        }

        return Fit(stats, features, same, labels, rows, seed, bestL2, maxRelatedMerged);
    }

    private static SameIssueModel Fit(CorpusStatistics stats, float[][] features, bool[] same, string[] labels, int[] rows, int seed, float l2, double maxRelatedMerged)
    {
        int n = PairFeatures.Count;
        var mean = new double[n];
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            mean[j] = rows.Average(i => features[i][j]);
            double variance = rows.Average(i => Math.Pow(features[i][j] - mean[j], 2));
            scale[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1.0;
        }

        var ml = new MLContext(seed);
        IDataView data = ml.Data.LoadFromEnumerable(rows.Select(i => new PairRow
        {
            Label = same[i],
            Features = [.. Enumerable.Range(0, n).Select(j => (float)((features[i][j] - mean[j]) / scale[j]))],
        }), SchemaDefinition(n));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0f,
            L2Regularization = l2,
            NumberOfThreads = 1,
        });
        LinearBinaryModelParameters linear = trainer.Fit(data).Model.SubModel;
        double[] weights = [.. linear.Weights.Select(w => (double)w)];
        var unthresholded = new SameIssueModel(
            SameIssueManifest.Create(mean, scale, weights, linear.Bias, 0.5, AnchorMinIdf, FrequencyBits, stats.Frequencies.DocumentCount, rows.Length, l2, maxRelatedMerged,
                stats.Semantic?.Dimensions ?? 0),
            stats.Frequencies, stats.Semantic);

        double threshold = BestThreshold([.. rows.Select(i => (unthresholded.ScoreFeatures(features[i]), same[i], labels[i] == JudgedPair.Related))], maxRelatedMerged);
        return unthresholded.WithThreshold(Math.Clamp(threshold, 1e-6, 1 - 1e-6));
    }

    /// <summary>
    /// The score maximising F1 of "same" over scored pairs among those merging at most <paramref name="maxRelatedMerged"/>
    /// of the related pairs (midway to the next lower score; tied scores decide together). When none qualifies, a
    /// threshold above every score.
    /// </summary>
    private static double BestThreshold((double Score, bool Same, bool Related)[] pairs, double maxRelatedMerged)
    {
        (double score, bool same, bool related)[] scored = [.. pairs.OrderByDescending(s => s.Score)];
        int positives = scored.Count(s => s.same);
        double allowed = maxRelatedMerged * scored.Count(s => s.related);
        double best = -1, threshold = scored.Length == 0 ? 0.5 : Math.Min(1.0, scored[0].score + 1e-9);
        int tp = 0, relatedMerged = 0;
        for (int k = 0; k < scored.Length; k++)
        {
            tp += scored[k].same ? 1 : 0;
            relatedMerged += scored[k].related ? 1 : 0;
            if (k + 1 < scored.Length && scored[k + 1].score == scored[k].score)
            {
                continue;
            }

            if (relatedMerged > allowed + 1e-9)
            {
                break;   // merging more only adds related pairs
            }

            double f1 = 2.0 * tp / (k + 1 + positives);
            if (f1 > best)
            {
                best = f1;
                threshold = k + 1 < scored.Length ? (scored[k].score + scored[k + 1].score) / 2 : scored[k].score;
            }
        }

        return threshold;
    }

    private static SameIssueEvaluation Evaluate(bool[] decided, bool[] same, bool[] related, int folds, IReadOnlyList<SameIssueOperatingPoint> points)
    {
        int n = decided.Length;
        (double p, double r, double f) = Metrics(decided, same, Enumerable.Range(0, n));
        var rng = new Random(20261203);
        double[] boot = new double[1000];
        for (int b = 0; b < boot.Length; b++)
        {
            boot[b] = Metrics(decided, same, Enumerable.Range(0, n).Select(_ => rng.Next(n))).F1;
        }

        Array.Sort(boot);
        int relatedCount = related.Count(x => x);
        int relatedMerged = Count(decided, related);
        int tp = Count(decided, same);
        return new SameIssueEvaluation(
            folds, n, p, r, f, relatedCount == 0 ? 0 : relatedMerged / (double)relatedCount,
            Wilson(tp, decided.Count(x => x)), Wilson(tp, same.Count(x => x)), new MetricInterval(boot[25], boot[974]), Wilson(relatedMerged, relatedCount), points);
    }

    /// <summary>Precision, recall and F1 of "same" over the pairs <paramref name="idx"/> (repeats count again, for the bootstrap).</summary>
    private static (double Precision, double Recall, double F1) Metrics(bool[] decided, bool[] same, IEnumerable<int> idx)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (int i in idx)
        {
            tp += decided[i] && same[i] ? 1 : 0;
            fp += decided[i] && !same[i] ? 1 : 0;
            fn += !decided[i] && same[i] ? 1 : 0;
        }

        double precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    /// <summary>Pairs decided "same" among those <paramref name="of"/> marks.</summary>
    private static int Count(bool[] decided, bool[] of) => Enumerable.Range(0, decided.Length).Count(i => decided[i] && of[i]);

    private static MetricInterval Wilson(int successes, int trials) => MetricInterval.Wilson(trials == 0 ? 0 : successes / (double)trials, trials);

    private static SchemaDefinition SchemaDefinition(int n)
    {
        SchemaDefinition schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(PairRow));
        schema[nameof(PairRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, n);
        return schema;
    }

    private sealed class PairRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
