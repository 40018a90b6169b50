using Microsoft.ML;
using Microsoft.ML.Data;

namespace TextInsight.Features;

/// <summary>The featurizer's output: one sparse feature vector.</summary>
internal sealed class FeatureVectorRow
{
    public VBuffer<float> Features { get; set; }

    /// <summary>The slot names of a vector column of the featurizer's output (e.g. <c>物业|收费</c> in <c>WordGrams</c>).</summary>
    internal static string[] SlotNames(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(m => m.ToString()).ToArray();
    }
}
