using TextInsight.Jieba.Segmentation;

namespace TextInsight.Tests.Infrastructure;

/// <summary>One shared default segmenter for tests that never edit its dictionary.</summary>
internal static class Segmenters
{
    private static readonly Lazy<JiebaSegmenter> s_default = new(JiebaSegmenter.Create);

    internal static JiebaSegmenter Default => s_default.Value;

    internal static (CutMode Mode, bool Hmm) ParseMode(string mode) => mode switch
    {
        "hmm" => (CutMode.Precise, true),
        "nohmm" => (CutMode.Precise, false),
        "all" => (CutMode.Full, true),
        "search" => (CutMode.Search, true),
        "searchnohmm" => (CutMode.Search, false),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
