using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Urgency;

namespace TextInsight.Classification;

/// <summary>
/// Classifies citizen messages by topic (livelihood, land, employment, style; multi-label), primary
/// topic and urgency (high, medium, low) as ../shared/TAXONOMY.md defines them, with the evidence.
/// </summary>
/// <remarks>
/// <para><b>Thread safety.</b> An instance is immutable and safe to share across threads; ML.NET's
/// prediction engines are pooled inside. Create or load once and reuse.</para>
/// <para><b>Input.</b> Text is normalised (HTML, full-width characters, whitespace) and cut after
/// <c>MaxChars</c> characters (3,000 for the default model). Empty or whitespace-only input (title and
/// text) has no recoverable content and gives primary <c>other</c>, no topics, urgency <c>low</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// var classifier = FeedbackClassifier.LoadDefault();
/// FeedbackResult r = classifier.Classify("小区物业乱收费", "物业公司今年又涨了停车费，多次反映无果。");
/// Console.WriteLine($"{r.Primary} {r.Urgency} {string.Join(",", r.Topics)}");
/// </code>
/// </example>
public sealed class FeedbackClassifier : MessageClassifier<FeedbackResult>
{
    internal const string Kind = "feedback";
    private const string DefaultModelResource = "TextInsight.models.default.zip";

    private static readonly Lazy<FeedbackClassifier> s_default = new(() =>
    {
        using Stream stream = typeof(FeedbackClassifier).Assembly.GetManifestResourceStream(DefaultModelResource)
            ?? throw new InvalidOperationException($"The embedded default model '{DefaultModelResource}' is missing from TextInsight.dll; the package or build is incomplete.");
        return Load(stream, "(embedded default model)");
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly int _topics, _primary, _urgency;
    private readonly UrgencyOperatingPoint[] _points;
    private readonly IReadOnlyList<double> _urgencyOffsets; // the model's own, or those of a chosen operating point
    private readonly int _point; // index of the operating point in use; -1: none (a model without points)

    // point: an index into the model's operating points, or -1 for the model's own urgency offsets.
    internal FeedbackClassifier(ModelRuntime runtime, int point = -1)
        : base(runtime)
    {
        _topics = runtime.TaskIndex("topics");
        _primary = runtime.TaskIndex("primary");
        _urgency = runtime.TaskIndex("urgency");
        List<UrgencyPointManifest> stored = runtime.Manifest.UrgencyOperatingPoints;
        _points = [.. stored.Select(p => new UrgencyOperatingPoint(p.RecallTarget, p.HighRecall, p.HighPrecision, p.FlaggedShare, p.MacroF1))];
        List<double> own = runtime.Manifest.Tasks[_urgency].Thresholds;
        _point = point >= 0 ? point : stored.FindIndex(p => p.Offsets.SequenceEqual(own));
        _urgencyOffsets = point >= 0 ? stored[point].Offsets : own;
    }

    /// <summary>The default model shipped inside the package, loaded once per process on first use.</summary>
    /// <returns>A shared, thread-safe instance.</returns>
    /// <exception cref="InvalidOperationException">The embedded model is missing (a broken build).</exception>
    public static FeedbackClassifier LoadDefault() => s_default.Value;

    /// <summary>Loads a model written by <see cref="MessageClassifier{TResult}.Save(string)"/> or <c>textinsight train</c>.</summary>
    /// <param name="path">Path of the model file (.zip).</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFormatException">The file is not a default-taxonomy TextInsight model of a supported version, or is corrupt.</exception>
    public static FeedbackClassifier Load(string path) => Checked(Read(path, Kind), path);

    /// <summary>Loads a model from a stream (read to its end, not disposed).</summary>
    /// <param name="stream">The model package.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ModelFormatException">Not a default-taxonomy TextInsight model of a supported version, or corrupt.</exception>
    public static FeedbackClassifier Load(Stream stream) => Load(stream, "(stream)");

    private static FeedbackClassifier Load(Stream stream, string source) => Checked(Read(stream, source, Kind), source);

    // The default taxonomy's tasks must all be there.
    private static FeedbackClassifier Checked(ModelRuntime runtime, string source)
    {
        foreach (string task in new[] { "topics", "primary", "urgency" })
        {
            if (runtime.TaskIndex(task) < 0)
            {
                throw new ModelFormatException(source, $"the model has no '{task}' task", runtime.Manifest.FormatVersion);
            }
        }

        return new FeedbackClassifier(runtime);
    }

    /// <summary>
    /// A classifier sharing this one's loaded model that reads hotline transcripts with other options, or
    /// (null) treats every text as plain prose. By default transcripts are parsed with
    /// <see cref="Normalization.TranscriptOptions.Default"/>: speaker labels found, fillers removed, the caller's turns classified.
    /// </summary>
    /// <param name="options">Transcript options, or null to switch transcript handling off.</param>
    /// <returns>A new instance; this one is unchanged. Cheap: nothing is reloaded.</returns>
    public FeedbackClassifier WithTranscripts(Normalization.TranscriptOptions? options) =>
        new(Runtime.WithExtractor(Runtime.Extractor.WithTranscripts(options)), _point);

    /// <summary>
    /// The urgency operating points this model offers, by rising <see cref="UrgencyOperatingPoint.HighRecallTarget"/>,
    /// each measured by its cross-validation. Empty for models trained before operating points were recorded.
    /// </summary>
    public IReadOnlyList<UrgencyOperatingPoint> UrgencyOperatingPoints => _points;

    /// <summary>
    /// The urgency operating point this instance decides with: the model's trained one unless
    /// <see cref="WithHighUrgencyRecall"/> chose another; null for a model without operating points.
    /// </summary>
    public UrgencyOperatingPoint? UrgencyOperatingPoint => _point >= 0 ? _points[_point] : null;

    /// <summary>
    /// A classifier sharing this one's loaded model whose urgency decisions keep high-urgency recall at
    /// <paramref name="target"/> or more (in the model's cross-validation) while flagging as few messages
    /// <c>high</c> as its operating points allow: the point with the smallest target that reaches it. A
    /// team that cannot review every flag trades missed emergencies for fewer flags here; the default keeps
    /// the target the model was trained with (0.9 for the shipped model). Topics, primary and every reported
    /// probability are unchanged. <see cref="MessageClassifier{TResult}.Save(string)"/> still writes the model's own offsets.
    /// </summary>
    /// <param name="target">Recall to keep, in (0, 1].</param>
    /// <returns>A new instance; this one is unchanged. Cheap: nothing is reloaded.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is outside (0, 1] or above every operating point's target.</exception>
    /// <exception cref="InvalidOperationException">The model has no operating points (trained before them): retrain it.</exception>
    public FeedbackClassifier WithHighUrgencyRecall(double target)
    {
        if (!(target > 0 && target <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "A recall target must be in (0, 1].");
        }

        if (_points.Length == 0)
        {
            throw new InvalidOperationException("This model has no urgency operating points (it was trained before they were recorded); retrain it to choose one.");
        }

        int chosen = Array.FindIndex(_points, p => p.HighRecallTarget >= target - 1e-9);
        if (chosen < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"This model's highest operating point keeps recall {_points[^1].HighRecallTarget:0.##}.");
        }

        return new FeedbackClassifier(Runtime, chosen);
    }

    /// <inheritdoc/>
    internal override FeedbackResult ResultOf(ScoredMessage scored) => scored.Message.Text.Length == 0 ? Empty() : Decide(scored);

    private FeedbackResult Decide(ScoredMessage s)
    {
        TaskManifest topicsTask = Runtime.Manifest.Tasks[_topics];
        TaskManifest primaryTask = Runtime.Manifest.Tasks[_primary];
        TaskManifest urgencyTask = Runtime.Manifest.Tasks[_urgency];
        double[] pTopics = s.Probabilities[_topics], pPrimary = s.Probabilities[_primary], pUrgency = s.Probabilities[_urgency];

        (int primaryIndex, bool[] topicFlags, int urgencyIndex) =
            DefaultDecision.Decide(pTopics, pPrimary, pUrgency, topicsTask.Thresholds, primaryTask.Thresholds, _urgencyOffsets);
        FeedbackTopic primary = FeedbackTopic.Parse(primaryTask.Labels[primaryIndex]);
        var topics = new List<FeedbackTopic>();
        for (int k = 0; k < topicFlags.Length; k++)
        {
            if (topicFlags[k])
            {
                topics.Add(FeedbackTopic.Parse(topicsTask.Labels[k]));
            }
        }

        UrgencyLevel urgency = UrgencyLevel.Parse(urgencyTask.Labels[urgencyIndex]);

        var cues = new List<Cue>();
        foreach (CueMatch m in s.Message.Cues.OrderByDescending(m => Runtime.Extractor.Lexicon.IsHighCategory(m.Category)))
        {
            cues.Add(new Cue(m.Phrase, CueKind.UrgencyPhrase, m.Category, 1));
        }

        foreach ((string term, double weight) in Runtime.Explainer.TopTerms(s.Features, _primary, 0, primaryIndex, 5))
        {
            cues.Add(new Cue(term, CueKind.ModelTerm, primary.Name, Math.Round(weight, 4)));
        }

        foreach ((string term, double weight) in Runtime.Explainer.TopTerms(s.Features, _urgency, 0, urgencyIndex, 3))
        {
            cues.Add(new Cue(term, CueKind.ModelTerm, urgency.Name, Math.Round(weight, 4)));
        }

        // Decided on the raw probabilities (the thresholds were tuned on them); reported calibrated.
        return new FeedbackResult(primary, topics, urgency,
            Scores(primaryTask.Labels, s.Reported[_primary]), Scores(topicsTask.Labels, s.Reported[_topics]), Scores(urgencyTask.Labels, s.Reported[_urgency]), cues);
    }

    private FeedbackResult Empty()
    {
        List<string> primaryLabels = Runtime.Manifest.Tasks[_primary].Labels;
        List<string> topicLabels = Runtime.Manifest.Tasks[_topics].Labels;
        List<string> urgencyLabels = Runtime.Manifest.Tasks[_urgency].Labels;
        return new FeedbackResult(FeedbackTopic.Other, [], UrgencyLevel.Low,
            primaryLabels.Select(l => new LabelScore(l, l == "other" ? 1 : 0)).ToArray(),
            topicLabels.Select(l => new LabelScore(l, 0)).ToArray(),
            urgencyLabels.Select(l => new LabelScore(l, l == "low" ? 1 : 0)).ToArray(), []);
    }

    internal static LabelScore[] Scores(List<string> labels, double[] p) =>
        labels.Select((l, i) => new LabelScore(l, Math.Round(p[i], 6))).ToArray();
}
