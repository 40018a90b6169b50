namespace TextInsight.Jieba.Segmentation.Dictionary;

/// <summary>A dictionary or model data file is not in the expected format.</summary>
/// <remarks>The message names the source (file path or resource name) and the 1-based line.</remarks>
public sealed class DictionaryFormatException : FormatException
{
    /// <summary>Creates the exception for a bad line of <paramref name="source"/>.</summary>
    /// <param name="source">File path or resource name.</param>
    /// <param name="lineNumber">1-based line number, or 0 when the whole source is at fault.</param>
    /// <param name="reason">What is wrong with the line.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DictionaryFormatException(string source, int lineNumber, string reason, Exception? inner = null)
        : base(lineNumber > 0
            ? $"Invalid dictionary entry in {source} at line {lineNumber}: {reason}"
            : $"Invalid dictionary data in {source}: {reason}", inner)
    {
        Source = source;
        LineNumber = lineNumber;
    }

    /// <summary>The file path or resource name that holds the bad line.</summary>
    public new string Source { get; }

    /// <summary>1-based line number of the bad line, or 0 when the whole source is at fault.</summary>
    public int LineNumber { get; }
}
