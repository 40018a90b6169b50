using TextInsight.Batching;
using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;
using TextInsight.Normalization;

namespace TextInsight.Classification;

/// <summary>
/// What the default-taxonomy classifier (<see cref="FeedbackClassifier"/>) and a custom-taxonomy one
/// (<see cref="TextClassifier"/>) share: classifying one message or a stream of them, the model's facts, saving it.
/// Code that serves either kind (a web service, a batch job) can hold this type.
/// </summary>
/// <typeparam name="TResult"><see cref="FeedbackResult"/> or <see cref="LabelResult"/>.</typeparam>
/// <remarks>Instances are immutable and safe to share across threads. Create or load once and reuse.</remarks>
public abstract class MessageClassifier<TResult>
{
    private protected MessageClassifier(ModelRuntime runtime)
    {
        Runtime = runtime;
        Info = new ModelInfo(runtime.Manifest, "(loaded model)");
    }

    internal ModelRuntime Runtime { get; }

    /// <summary>The model's kind, versions, tasks, labels and training facts.</summary>
    public ModelInfo Info { get; }

    /// <summary>Training facts recorded in the model (data size, seed, cross-validated metrics).</summary>
    public IReadOnlyDictionary<string, string> TrainingInfo => Runtime.Manifest.Training;

    /// <summary>The transcript handling in use; null when every text is read as plain prose.</summary>
    public TranscriptOptions? Transcripts => Runtime.Extractor.Transcripts;

    /// <summary>Classifies a message that has no separate title.</summary>
    /// <param name="text">The message.</param>
    /// <returns>The decision, its probabilities and its evidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public TResult Classify(string text) => Classify(null, text);

    /// <summary>Classifies a message with an optional title.</summary>
    /// <param name="title">Title or subject; may be null.</param>
    /// <param name="text">The message body.</param>
    /// <returns>The decision, its probabilities and its evidence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public TResult Classify(string? title, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ResultOf(Runtime.Score(title, text));
    }

    /// <summary>Classifies many messages in parallel, streaming results in input order.</summary>
    /// <param name="messages">The messages; enumerated once, lazily, a chunk at a time.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 means one per core.</param>
    /// <returns>One result per message, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> or one of its items is null.</exception>
    public IEnumerable<TResult> ClassifyBatch(IEnumerable<FeedbackMessage> messages, int maxDegreeOfParallelism = 0) =>
        OrderedParallel.Map(messages, m => Classify((m ?? throw new ArgumentNullException(nameof(messages), "A message is null.")).Title, m.Text), maxDegreeOfParallelism);

    /// <summary>Writes the model to <paramref name="path"/> (a zip package).</summary>
    /// <param name="path">Destination file; overwritten.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.Create(path);
        Save(stream);
    }

    /// <summary>Writes the model to a stream.</summary>
    /// <param name="stream">Destination; not disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ModelPackage.Write(stream, Runtime);
    }

    /// <summary>The result for a message already scored (evaluation reads its raw probabilities too).</summary>
    internal abstract TResult ResultOf(ScoredMessage scored);

    // Opens a model file for a Load overload, naming it in any error.
    private protected static ModelRuntime Read(string path, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ModelPackage.Read(stream, path, kind);
    }

    private protected static ModelRuntime Read(Stream stream, string source, string kind)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ModelPackage.Read(stream, source, kind);
    }
}
