using TextInsight.Jieba.Segmentation.Dictionary;
using TextInsight.Jieba.Segmentation.Hmm;

namespace TextInsight.Jieba.Segmentation;

/// <summary>
/// One immutable snapshot of everything a cut reads: the prefix dictionary, the HMM and jieba's
/// force-split set (words deleted with frequency 0, which the HMM must not produce whole).
/// </summary>
internal sealed class SegmenterState(PrefixDictionary dictionary, FinalSegModel hmm, HashSet<string> forceSplit)
{
    internal PrefixDictionary Dictionary { get; } = dictionary;

    internal FinalSegModel Hmm { get; } = hmm;

    internal HashSet<string> ForceSplit { get; } = forceSplit;

    internal bool IsForceSplit(ReadOnlySpan<char> word) =>
        ForceSplit.Count != 0 && ForceSplit.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
