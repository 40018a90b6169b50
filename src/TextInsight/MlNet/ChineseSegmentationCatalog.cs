using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using TextInsight.Jieba.Segmentation;
using TextInsight.MlNet;

// In ML.NET's namespace, as its own catalog extensions are, so `using Microsoft.ML;` finds it.
namespace Microsoft.ML;

/// <summary>Chinese word segmentation as an ML.NET transform (ML.NET's word tokenizer splits on spaces, which Chinese has none of).</summary>
public static class ChineseSegmentationCatalog
{
    /// <summary>
    /// Segments a text column into a variable-length vector of words with TextInsight's jieba 0.42.1-compatible segmenter
    /// (jieba's dictionary and HMM), whitespace tokens dropped. The output is what ML.NET's <c>ProduceWordBags</c> and
    /// <c>FeaturizeText</c> accept, and, after <c>MapValueToKey</c>, <c>ProduceNgrams</c>.
    /// </summary>
    /// <remarks>
    /// The transform saves inside an ML.NET model zip. To load such a model, the context must know this assembly's
    /// transforms: call <see cref="RegisterChineseSegmentation"/> on it first (what ML.NET asks of every custom mapping).
    /// </remarks>
    /// <param name="catalog">The text transforms catalog (<c>mlContext.Transforms.Text</c>).</param>
    /// <param name="outputColumnName">The column of words to create.</param>
    /// <param name="inputColumnName">The text column to segment; null: <paramref name="outputColumnName"/>.</param>
    /// <param name="mode">jieba's cut mode: Precise (<c>jieba.cut</c>), Search (<c>cut_for_search</c>) or Full (<c>cut_all</c>).</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="outputColumnName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined cut mode.</exception>
    /// <example>
    /// <code>
    /// var pipeline = ml.Transforms.Text.SegmentChineseWords("Words", "Text")
    ///     .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "Words"))
    ///     .Append(ml.Transforms.Text.ProduceNgrams("Features", "WordKeys", ngramLength: 2))
    ///     .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
    ///     .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(l1Regularization: 0.01f, l2Regularization: 0.01f));
    /// </code>
    /// </example>
    public static IEstimator<ITransformer> SegmentChineseWords(this TransformsCatalog.TextTransforms catalog, string outputColumnName, string? inputColumnName = null,
        CutMode mode = CutMode.Precise)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(outputColumnName);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a cut mode.");
        }

        // ML.NET keeps the environment of a catalog internal, so the chain is built in a context of its own; a custom mapping
        // reads and writes fixed column names, so the input is copied to them and the words copied out.
        var ml = new MLContext();
        return ml.Transforms.CopyColumns(ChineseWordsMapping.InputColumn, inputColumnName ?? outputColumnName)
            .Append(ChineseWordsMapping.Estimator(ml, mode))
            .Append(ml.Transforms.CopyColumns(outputColumnName, ChineseWordsMapping.OutputColumn))
            .Append(ml.Transforms.DropColumns(ChineseWordsMapping.InputColumn, ChineseWordsMapping.OutputColumn));
    }

    /// <summary>
    /// Lets <paramref name="context"/> load models holding <see cref="SegmentChineseWords"/>: registers this assembly's
    /// custom mappings with its component catalog.
    /// </summary>
    /// <param name="context">The context that will load the model.</param>
    /// <returns><paramref name="context"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public static MLContext RegisterChineseSegmentation(this MLContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ComponentCatalog.RegisterAssembly(typeof(ChineseWordsMapping).Assembly);
        return context;
    }
}
