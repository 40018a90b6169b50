using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

using TextInsight.Classification.Package;
using TextInsight.Classification.Scoring;

namespace TextInsight.Training;

/// <summary>Trains heads with ML.NET's L-BFGS logistic regression and maximum entropy, and extracts their parameters.</summary>
internal static class HeadTrainer
{
    /// <summary>One calibrated binary classifier: P(label is true).</summary>
    internal static LinearHead TrainBinary(MLContext ml, VBuffer<float>[] x, bool[] y, float[] weight, int dim, HeadSettings s)
    {
        var schema = SchemaDefinition.Create(typeof(BinaryTrainRow));
        schema[nameof(BinaryTrainRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        IDataView data = ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, x.Length).Select(i => new BinaryTrainRow { Features = x[i], Label = y[i], Weight = weight[i] }), schema);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(BinaryTrainRow.Label),
            FeatureColumnName = nameof(BinaryTrainRow.Features),
            ExampleWeightColumnName = nameof(BinaryTrainRow.Weight),
            L1Regularization = s.L1,
            L2Regularization = s.L2,
            NumberOfThreads = 1, // deterministic: the same seed gives the same model
        }).Fit(data);
        LinearBinaryModelParameters linear = model.Model.SubModel;
        float[] w = new float[dim];
        for (int i = 0; i < dim; i++)
        {
            w[i] = linear.Weights[i];
        }

        return new LinearHead(false, [w], [linear.Bias], (float)model.Model.Calibrator.Slope, (float)model.Model.Calibrator.Offset);
    }

    /// <summary>A softmax over <paramref name="classes"/> classes; <paramref name="y"/> holds 0-based class indices.</summary>
    internal static LinearHead TrainMulticlass(MLContext ml, VBuffer<float>[] x, int[] y, float[] weight, int classes, int dim, HeadSettings s)
    {
        var schema = SchemaDefinition.Create(typeof(MulticlassTrainRow));
        schema[nameof(MulticlassTrainRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dim);
        schema[nameof(MulticlassTrainRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        IDataView data = ml.Data.LoadFromEnumerable(
            // LoadFromEnumerable reads a key field as a 0-based index (it stores key = value + 1 itself).
            Enumerable.Range(0, x.Length).Select(i => new MulticlassTrainRow { Features = x[i], Label = (uint)y[i], Weight = weight[i] }), schema);
        var model = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(MulticlassTrainRow.Label),
            FeatureColumnName = nameof(MulticlassTrainRow.Features),
            ExampleWeightColumnName = nameof(MulticlassTrainRow.Weight),
            L1Regularization = s.L1,
            L2Regularization = s.L2,
            NumberOfThreads = 1,
        }).Fit(data);
        VBuffer<float>[] weights = [];
        model.Model.GetWeights(ref weights, out int numClasses);
        if (numClasses != classes)
        {
            throw new InvalidOperationException($"ML.NET trained {numClasses} classes where {classes} were given");
        }

        float[][] dense = new float[classes][];
        for (int c = 0; c < classes; c++)
        {
            dense[c] = new float[dim];
            weights[c].CopyTo(dense[c]);
        }

        return new LinearHead(true, dense, [.. model.Model.GetBiases()], 0, 0);
    }
}
