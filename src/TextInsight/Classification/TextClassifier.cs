using TextInsight.Classification;
using TextInsight.Classification.Ml;
using TextInsight.Internal;

namespace TextInsight;

/// <summary>A classifier for a custom taxonomy, trained with <see cref="FeedbackTrainer.TrainCustom"/> or <c>textinsight train --label-column</c>.</summary>
/// <remarks>Immutable and thread-safe; ML.NET prediction engines are pooled inside.</remarks>
public sealed class TextClassifier
{
    internal const string Kind = "custom";

    private readonly ModelRuntime _runtime;

    internal TextClassifier(ModelRuntime runtime) => _runtime = runtime;

    internal ModelRuntime Runtime => _runtime;

    /// <summary>The labels, in model order.</summary>
    public IReadOnlyList<string> Labels => _runtime.Manifest.Tasks[0].Labels;

    /// <summary>True when a message may get several labels.</summary>
    public bool IsMultiLabel => _runtime.Manifest.Tasks[0].MultiLabel;

    /// <summary>
    /// A classifier sharing this one's loaded model that reads hotline transcripts with other options, or
    /// (null) treats every text as plain prose. By default transcripts are parsed with
    /// <see cref="Normalization.TranscriptOptions.Default"/>: speaker labels found, fillers removed, the caller's turns classified.
    /// </summary>
    /// <param name="options">Transcript options, or null to switch transcript handling off.</param>
    /// <returns>A new instance; this one is unchanged. Cheap: nothing is reloaded.</returns>
    public TextClassifier WithTranscripts(Normalization.TranscriptOptions? options) =>
        new(_runtime.WithExtractor(_runtime.Extractor.WithTranscripts(options)));

    /// <summary>The transcript handling in use; null when off. See <see cref="WithTranscripts"/>.</summary>
    public Normalization.TranscriptOptions? Transcripts => _runtime.Extractor.Transcripts;

    /// <summary>Training facts recorded in the model.</summary>
    public IReadOnlyDictionary<string, string> TrainingInfo => _runtime.Manifest.Training;

    /// <summary>Loads a custom-taxonomy model file.</summary>
    /// <param name="path">The model (.zip).</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ModelFormatException">Not a custom TextInsight model of a supported version, or corrupt.</exception>
    public static TextClassifier Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return new TextClassifier(ModelRuntime.Load(stream, path, Kind));
    }

    /// <summary>Loads a custom-taxonomy model from a stream (not disposed).</summary>
    /// <param name="stream">The model package.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="ModelFormatException">Not a custom TextInsight model of a supported version, or corrupt.</exception>
    public static TextClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new TextClassifier(ModelRuntime.Load(stream, "(stream)", Kind));
    }

    /// <summary>Writes the model to a file.</summary>
    /// <param name="path">Destination; overwritten.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.Create(path);
        _runtime.Save(stream);
    }

    /// <summary>Writes the model to a stream (not disposed).</summary>
    /// <param name="stream">Destination.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _runtime.Save(stream);
    }

    /// <summary>Classifies one message.</summary>
    /// <param name="title">Optional title.</param>
    /// <param name="text">The message body.</param>
    /// <returns>The label(s), probabilities and supporting terms.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public LabelResult Classify(string? title, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ResultOf(_runtime.Score(title, text));
    }

    /// <summary>The result for a message already scored by <see cref="Runtime"/> (evaluation reads its raw probabilities too).</summary>
    internal LabelResult ResultOf(ScoredMessage s)
    {
        TaskManifest task = _runtime.Manifest.Tasks[0];
        double[] p = s.Probabilities[0];
        List<int> chosen = task.MultiLabel ? Decisions.MultiLabel(p, task.Thresholds) : [Decisions.SingleLabel(p, task.Thresholds)];
        int top = chosen.OrderByDescending(i => p[i]).First();
        var cues = _runtime.TopTerms(s.Features, 0, task.MultiLabel ? top : 0, task.MultiLabel ? 0 : top, 5)
            .Select(t => new Cue(t.Term, CueKind.ModelTerm, task.Labels[top], Math.Round(t.Weight, 4))).ToArray();
        return new LabelResult(task.Labels[top], chosen.Select(i => task.Labels[i]).ToArray(), FeedbackClassifier.Scores(task.Labels, s.Reported[0]), cues);
    }

    /// <summary>Classifies many messages in parallel, streaming results in input order.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="maxDegreeOfParallelism">Threads; 0 = one per core.</param>
    /// <returns>One result per message, in order.</returns>
    public IEnumerable<LabelResult> ClassifyBatch(IEnumerable<FeedbackMessage> messages, int maxDegreeOfParallelism = 0) =>
        OrderedParallel.Map(messages, m => Classify((m ?? throw new ArgumentNullException(nameof(messages), "A message is null.")).Title, m.Text), maxDegreeOfParallelism);
}
