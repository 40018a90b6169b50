using System.Runtime.CompilerServices;

namespace TextInsight.Jieba.Segmentation;

/// <summary>The character classes of jieba's regular expressions, as branch-light scanners.</summary>
internal static class CharClass
{
    /// <summary><c>[\u4E00-\u9FD5a-zA-Z0-9+#&amp;\._%\-]</c>: a character of a dictionary block (<c>re_han_default</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsBlock(char c) =>
        (uint)(c - '\u4E00') <= '\u9FD5' - '\u4E00' || (c < 128 && IsAsciiBlock(c));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiBlock(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '&' or '.' or '_' or '%' or '-';

    /// <summary><c>[\u4E00-\u9FD5]</c>: a Han character (finalseg's <c>re_han</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsHan(char c) => (uint)(c - '\u4E00') <= '\u9FD5' - '\u4E00';

    /// <summary><c>[a-zA-Z0-9]</c> (jieba's <c>re_eng</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsEng(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>
    /// Python's <c>\s</c> on <c>str</c> (<c>str.isspace()</c>): .NET's <see cref="char.IsWhiteSpace(char)"/>
    /// plus the information separators U+001C..U+001F, which Python counts and .NET does not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || (uint)(c - '\u001C') <= 3;
}
