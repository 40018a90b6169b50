namespace TextInsight.Jieba.Segmentation;

/// <summary>A token and where it stands in the input, like jieba's <c>tokenize</c> tuples.</summary>
/// <param name="Text">The token.</param>
/// <param name="Start">Offset of its first UTF-16 code unit in the input.</param>
/// <param name="Length">Number of UTF-16 code units it spans in the input.</param>
/// <remarks>
/// In <see cref="CutMode.Precise"/> and <see cref="CutMode.Search"/> mode <c>Text</c> always equals
/// <c>input.Substring(Start, Length)</c>. In <see cref="CutMode.Full"/> mode tokens overlap, and jieba
/// glues consecutive words that start with an ASCII letter or digit; when such words are not adjacent
/// the glued text is reported with the span from the first word's start to the last word's end.
/// </remarks>
public readonly record struct Token(string Text, int Start, int Length)
{
    /// <summary>Offset just past the token: <c>Start + Length</c> (jieba's <c>end</c>).</summary>
    public int End => Start + Length;
}

/// <summary>Receives tokens from <see cref="JiebaSegmenter.Segment{TSink}(ReadOnlySpan{char}, ref TSink, CutMode, bool)"/> without allocating.</summary>
public interface ITokenSink
{
    /// <summary>Called once per token, in jieba's output order.</summary>
    /// <param name="token">The token's characters; valid only during the call.</param>
    /// <param name="start">Offset of the token in the input.</param>
    /// <param name="length">Code units the token spans in the input (equals <c>token.Length</c> except for glued Full-mode words).</param>
    void OnToken(ReadOnlySpan<char> token, int start, int length);
}
