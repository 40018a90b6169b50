using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;

namespace TextInsight.Classification;

/// <summary>A classifier for a custom taxonomy, trained with <see cref="Training.FeedbackTrainer.TrainCustom"/> or <c>textinsight train --label-column</c>.</summary>
/// <remarks>Immutable and thread-safe; ML.NET prediction engines are pooled inside.</remarks>
public sealed class TextClassifier : MessageClassifier<LabelResult>
{
    internal const string Kind = "custom";

    internal TextClassifier(ModelRuntime runtime)
        : base(runtime)
    {
    }

    /// <summary>The labels, in model order.</summary>
    public IReadOnlyList<string> Labels => Runtime.Manifest.Tasks[0].Labels;

    /// <summary>True when a message may get several labels.</summary>
    public bool IsMultiLabel => Runtime.Manifest.Tasks[0].MultiLabel;

    /// <summary>
    /// A classifier sharing this one's loaded model that reads hotline transcripts with other options, or
    /// (null) treats every text as plain prose. By default transcripts are parsed with
    /// <see cref="Normalization.TranscriptOptions.Default"/>: speaker labels found, fillers removed, the caller's turns classified.
    /// </summary>
    /// <param name="options">Transcript options, or null to switch transcript handling off.</param>
    /// <returns>A new instance; this one is unchanged. Cheap: nothing is reloaded.</returns>
    public TextClassifier WithTranscripts(Normalization.TranscriptOptions? options) =>
        new(Runtime.WithExtractor(Runtime.Extractor.WithTranscripts(options)));

    /// <summary>Loads a custom-taxonomy model file.</summary>
    /// <param name="path">The model (.zip).</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ModelFormatException">Not a custom TextInsight model of a supported version, or corrupt.</exception>
    public static TextClassifier Load(string path) => new(Read(path, Kind));

    /// <summary>Loads a custom-taxonomy model from a stream (not disposed).</summary>
    /// <param name="stream">The model package.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ModelFormatException">Not a custom TextInsight model of a supported version, or corrupt.</exception>
    public static TextClassifier Load(Stream stream) => new(Read(stream, "(stream)", Kind));

    /// <inheritdoc/>
    internal override LabelResult ResultOf(ScoredMessage s)
    {
        TaskManifest task = Runtime.Manifest.Tasks[0];
        double[] p = s.Probabilities[0];
        List<int> chosen = task.MultiLabel ? Decisions.MultiLabel(p, task.Thresholds) : [Decisions.SingleLabel(p, task.Thresholds)];
        int top = chosen.OrderByDescending(i => p[i]).First();
        var cues = Runtime.Explainer.TopTerms(s.Features, 0, task.MultiLabel ? top : 0, task.MultiLabel ? 0 : top, 5)
            .Select(t => new Cue(t.Term, CueKind.ModelTerm, task.Labels[top], Math.Round(t.Weight, 4))).ToArray();
        return new LabelResult(task.Labels[top], chosen.Select(i => task.Labels[i]).ToArray(), FeedbackClassifier.Scores(task.Labels, s.Reported[0]), cues);
    }
}
