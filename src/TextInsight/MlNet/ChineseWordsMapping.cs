using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using TextInsight.Jieba.Segmentation;

namespace TextInsight.MlNet;

/// <summary>The row a segmentation mapping reads.</summary>
public sealed class ChineseWordsInput
{
    /// <summary>The text.</summary>
    [ColumnName(ChineseWordsMapping.InputColumn)]
    public string? Text { get; set; }
}

/// <summary>The row a segmentation mapping writes.</summary>
public sealed class ChineseWordsOutput
{
    /// <summary>The words, whitespace dropped.</summary>
    [ColumnName(ChineseWordsMapping.OutputColumn)]
    [VectorType]
    public string[] Words { get; set; } = [];
}

/// <summary>The custom mappings behind <see cref="ChineseSegmentationCatalog.SegmentChineseWords"/>, one per cut mode (the mode travels in the contract name).</summary>
public static class ChineseWordsMapping
{
    internal const string InputColumn = "__TextInsightSegmentText";
    internal const string OutputColumn = "__TextInsightSegmentWords";

    private static readonly Lazy<JiebaSegmenter> s_segmenter = new(JiebaSegmenter.Create);

    internal static IEstimator<ITransformer> Estimator(MLContext ml, CutMode mode) => mode switch
    {
        CutMode.Search => ml.Transforms.CustomMapping(new SearchFactory().GetMapping(), SearchFactory.Contract),
        CutMode.Full => ml.Transforms.CustomMapping(new FullFactory().GetMapping(), FullFactory.Contract),
        _ => ml.Transforms.CustomMapping(new PreciseFactory().GetMapping(), PreciseFactory.Contract),
    };

    private static void Segment(ChineseWordsInput input, ChineseWordsOutput output, CutMode mode) =>
        output.Words = [.. s_segmenter.Value.Cut(input.Text ?? "", mode).Where(w => !string.IsNullOrWhiteSpace(w))];

    /// <summary>Precise mode (<c>jieba.cut</c>).</summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class PreciseFactory : CustomMappingFactory<ChineseWordsInput, ChineseWordsOutput>
    {
        internal const string Contract = "TextInsight.SegmentChineseWords.Precise";

        /// <inheritdoc/>
        public override Action<ChineseWordsInput, ChineseWordsOutput> GetMapping() => (i, o) => Segment(i, o, CutMode.Precise);
    }

    /// <summary>Search mode (<c>jieba.cut_for_search</c>).</summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class SearchFactory : CustomMappingFactory<ChineseWordsInput, ChineseWordsOutput>
    {
        internal const string Contract = "TextInsight.SegmentChineseWords.Search";

        /// <inheritdoc/>
        public override Action<ChineseWordsInput, ChineseWordsOutput> GetMapping() => (i, o) => Segment(i, o, CutMode.Search);
    }

    /// <summary>Full mode (<c>jieba.cut(cut_all=True)</c>).</summary>
    [CustomMappingFactoryAttribute(Contract)]
    public sealed class FullFactory : CustomMappingFactory<ChineseWordsInput, ChineseWordsOutput>
    {
        internal const string Contract = "TextInsight.SegmentChineseWords.Full";

        /// <inheritdoc/>
        public override Action<ChineseWordsInput, ChineseWordsOutput> GetMapping() => (i, o) => Segment(i, o, CutMode.Full);
    }
}
