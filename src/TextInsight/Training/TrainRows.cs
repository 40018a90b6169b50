using Microsoft.ML.Data;

namespace TextInsight.Training;

/// <summary>A training row for one binary head.</summary>
internal sealed class BinaryTrainRow
{
    public VBuffer<float> Features { get; set; }

    public bool Label { get; set; }

    public float Weight { get; set; }
}

/// <summary>A training row for one multiclass head; <see cref="Label"/> is the 0-based class index.</summary>
internal sealed class MulticlassTrainRow
{
    public VBuffer<float> Features { get; set; }

    public uint Label { get; set; }

    public float Weight { get; set; }
}
