namespace TextInsight.Classification;

/// <summary>A model file is truncated, corrupt, of another kind, or of an unsupported format version.</summary>
/// <remarks>The message says what is wrong, the file's format version when it could be read, and what this library reads.</remarks>
public sealed class ModelFormatException : Exception
{
    /// <summary>The format version this library reads and writes.</summary>
    /// <remarks>Version 2 packages carry their urgency cue lists and record the versions of the text preparation they were trained with.</remarks>
    public const int SupportedFormatVersion = 2;

    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file path or a description of the stream.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="formatVersion">The file's format version, when it could be read.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelFormatException(string source, string problem, int? formatVersion = null, Exception? inner = null)
        : this(source, problem, formatVersion, inner, SupportedFormatVersion)
    {
    }

    /// <summary>The same for model files of another format series (the same-issue model) with their own supported version.</summary>
    internal ModelFormatException(string source, string problem, int? formatVersion, Exception? inner, int supportedFormatVersion)
        : base($"Cannot load the TextInsight model {source}: {problem} (file format version: {(formatVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown")}; this library reads version {supportedFormatVersion}).", inner)
    {
        ModelSource = source;
        FormatVersion = formatVersion;
    }

    /// <summary>The file path or stream description.</summary>
    public string ModelSource { get; }

    /// <summary>The file's format version, or null when the file did not say.</summary>
    public int? FormatVersion { get; }
}
