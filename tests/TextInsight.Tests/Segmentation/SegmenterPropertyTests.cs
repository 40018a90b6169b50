using CsCheck;
using TextInsight.Jieba.Segmentation;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>Invariants that hold for every input: random Unicode, CJK, surrogates, controls, huge strings.</summary>
public sealed class SegmenterPropertyTests
{
    // Mixes the characters that exercise each branch: dictionary Han, block ASCII, Python-only
    // whitespace, CR/LF, surrogates (paired and lone), emoji, controls and any other code unit.
    private static readonly Gen<string> s_text = Gen.Frequency(
            (6, Gen.Char['\u4E00', '\u9FD5']),
            (2, Gen.Char["的了是在我有和人这中大为上个国北京大学生活物业小区拆迁工资"]),
            (2, Gen.Char["abcXYZ019+#&._%- "]),
            (1, Gen.Char["\r\n\t\u3000\u001c\u001f\u00a0\u200b\u2028"]),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char["，。！？、（）“”《》"]),
            (1, Gen.Char))
        .Array[0, 80]
        .Select(chars => new string(chars));

    private static readonly (CutMode, bool)[] s_modes =
        [(CutMode.Precise, true), (CutMode.Precise, false), (CutMode.Full, true), (CutMode.Search, true), (CutMode.Search, false)];

    [Fact]
    public void Precise_tokens_concatenate_to_the_input_with_contiguous_offsets()
    {
        s_text.Sample(text =>
        {
            foreach (bool hmm in new[] { true, false })
            {
                IReadOnlyList<Token> tokens = Segmenters.Default.Tokenize(text, CutMode.Precise, hmm);
                int position = 0;
                foreach (Token t in tokens)
                {
                    Assert.Equal(position, t.Start);
                    Assert.True(t.Length > 0, "precise mode never yields an empty token");
                    Assert.Equal(text.Substring(t.Start, t.Length), t.Text);
                    position = t.End;
                }

                Assert.Equal(text.Length, position);
                Assert.Equal(text, string.Concat(tokens.Select(t => t.Text)));
            }
        }, iter: 3000);
    }

    [Fact]
    public void Count_path_equals_full_path_and_results_are_deterministic_in_every_mode()
    {
        s_text.Sample(text =>
        {
            foreach ((CutMode mode, bool hmm) in s_modes)
            {
                IReadOnlyList<string> first = Segmenters.Default.Cut(text, mode, hmm);
                Assert.Equal(first, Segmenters.Default.Cut(text, mode, hmm));
                Assert.Equal(first.Count, Segmenters.Default.CountTokens(text, mode, hmm));
                IReadOnlyList<Token> tokens = Segmenters.Default.Tokenize(text, mode, hmm);
                Assert.Equal(first, tokens.Select(t => t.Text));
                Assert.All(tokens, t => Assert.True(t.Start >= 0 && t.End <= text.Length));
            }
        }, iter: 1000);
    }

    [Fact]
    public void Search_tokens_are_substrings_at_their_offsets()
    {
        s_text.Sample(text =>
        {
            foreach (Token t in Segmenters.Default.Tokenize(text, CutMode.Search))
            {
                Assert.Equal(text.Substring(t.Start, t.Length), t.Text);
            }
        }, iter: 1000);
    }
}
