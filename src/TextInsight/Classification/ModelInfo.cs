using TextInsight.Classification.Package;

namespace TextInsight.Classification;

/// <summary>Which classifier a model file is for.</summary>
public enum ModelKind
{
    /// <summary>The default taxonomy (topics, primary, urgency): load it with <see cref="FeedbackClassifier"/>.</summary>
    Feedback,

    /// <summary>A custom taxonomy: load it with <see cref="TextClassifier"/>.</summary>
    Custom,
}

/// <summary>One prediction task of a model.</summary>
/// <param name="Name"><c>topics</c>, <c>primary</c>, <c>urgency</c> (default taxonomy) or <c>label</c> (custom).</param>
/// <param name="Labels">Its labels, in model order.</param>
/// <param name="MultiLabel">True when a message may get several of its labels.</param>
public sealed record ModelTaskInfo(string Name, IReadOnlyList<string> Labels, bool MultiLabel);

/// <summary>
/// What a model file is, read from its manifest without loading the model: its kind, the format and library versions
/// that wrote it, its tasks and labels, what shaped its features, and its training facts.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <example>
/// <code>
/// ModelInfo info = ModelInfo.Read("model.zip");
/// if (info.Kind == ModelKind.Custom) { TextClassifier c = TextClassifier.Load("model.zip"); }
/// </code>
/// </example>
public sealed class ModelInfo
{
    internal ModelInfo(ModelManifest manifest, string source)
    {
        Kind = KindOf(manifest, source);
        FormatVersion = manifest.FormatVersion;
        LibraryVersion = manifest.LibraryVersion;
        Tasks = [.. manifest.Tasks.Select(t => new ModelTaskInfo(t.Name, t.Labels.AsReadOnly(), t.MultiLabel))];
        TrainingInfo = manifest.Training.AsReadOnly();
        CueListsFingerprint = manifest.CueLexicon;
        SegmenterFingerprint = manifest.Segmenter;
        MaxChars = manifest.MaxChars;
    }

    /// <summary>Which classifier loads it.</summary>
    public ModelKind Kind { get; }

    /// <summary>The package format version (this library reads <see cref="ModelFormatException.SupportedFormatVersion"/>).</summary>
    public int FormatVersion { get; }

    /// <summary>The TextInsight version that trained it ("" when not recorded).</summary>
    public string LibraryVersion { get; }

    /// <summary>Its prediction tasks, in model order.</summary>
    public IReadOnlyList<ModelTaskInfo> Tasks { get; }

    /// <summary>Training facts (data size, seed, cross-validated metrics).</summary>
    public IReadOnlyDictionary<string, string> TrainingInfo { get; }

    /// <summary>The fingerprint of the urgency cue lists it was trained with (and carries).</summary>
    public string CueListsFingerprint { get; }

    /// <summary>The segmenter its words came from (<c>JiebaSegmenter.BuiltInFingerprint</c> of the library that trained it).</summary>
    public string SegmenterFingerprint { get; }

    /// <summary>Characters of each message it reads; the rest is cut.</summary>
    public int MaxChars { get; }

    /// <summary>Whether this library reads its format version (its other pins are checked when it is loaded).</summary>
    public bool IsSupportedFormat => FormatVersion == ModelFormatException.SupportedFormatVersion;

    /// <summary>Reads the manifest of a model file.</summary>
    /// <param name="path">The model (.zip).</param>
    /// <returns>What the file says of itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ModelFormatException">Not a TextInsight model: not a zip, no readable manifest, or an unknown kind.</exception>
    public static ModelInfo Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads the manifest of a model package from a stream (not disposed).</summary>
    /// <param name="stream">The package (a stream that cannot seek is read into memory first).</param>
    /// <returns>What the package says of itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ModelFormatException">Not a TextInsight model: not a zip, no readable manifest, or an unknown kind.</exception>
    public static ModelInfo Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, "(stream)");
    }

    private static ModelInfo Read(Stream stream, string source)
    {
        ModelManifest manifest = ModelPackage.ReadManifestOnly(stream, source);
        return new ModelInfo(manifest, source);
    }

    private static ModelKind KindOf(ModelManifest manifest, string source) => manifest.Kind switch
    {
        FeedbackClassifier.Kind => ModelKind.Feedback,
        TextClassifier.Kind => ModelKind.Custom,
        _ => throw new ModelFormatException(source, $"manifest.json names an unknown model kind '{manifest.Kind}'", manifest.FormatVersion),
    };
}
