namespace TextInsight.Jieba.Segmentation;

/// <summary>How <see cref="JiebaSegmenter"/> cuts text; each mode matches one jieba 0.42.1 call.</summary>
public enum CutMode
{
    /// <summary>The most likely segmentation: <c>jieba.cut(s)</c> (or <c>HMM=False</c>). Tokens concatenate back to the input.</summary>
    Precise = 0,

    /// <summary>Every dictionary word found: <c>jieba.cut(s, cut_all=True)</c>. Tokens overlap, and jieba's empty tokens around whitespace are kept. The HMM flag is ignored.</summary>
    Full = 1,

    /// <summary>Precise mode plus the dictionary 2- and 3-grams inside longer words: <c>jieba.cut_for_search(s)</c>.</summary>
    Search = 2,
}
