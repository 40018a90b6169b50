using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using TextInsight.Features;

namespace TextInsight.Classification.Scoring;

/// <summary>The ML.NET featurizer with a pool of prediction engines (an engine is not thread-safe).</summary>
internal sealed class MlFeaturizer
{
    private readonly MLContext _ml;
    private readonly ITransformer _featurizer;
    private readonly DataViewSchema _inputSchema;
    private readonly ObjectPool<PredictionEngine<FeatureRow, FeatureVectorRow>> _engines;

    /// <param name="ml">The context the featurizer belongs to.</param>
    /// <param name="featurizer">The fitted featurizer.</param>
    /// <param name="inputSchema">Its input schema.</param>
    /// <param name="cueFeatures">The length of the cue vector of its input rows (the model's cue lists say).</param>
    internal MlFeaturizer(MLContext ml, ITransformer featurizer, DataViewSchema inputSchema, int cueFeatures)
    {
        _ml = ml;
        _featurizer = featurizer;
        _inputSchema = inputSchema;
        _engines = new DefaultObjectPool<PredictionEngine<FeatureRow, FeatureVectorRow>>(new EnginePolicy(ml, featurizer, FeatureRow.Schema(cueFeatures)),
            Environment.ProcessorCount * 2);
    }

    /// <summary>The number of features it makes; -1 when its output schema does not say.</summary>
    internal int Dimension => _featurizer.GetOutputSchema(_inputSchema)["Features"].Type is VectorDataViewType { Size: var size } ? size : -1;

    internal VBuffer<float> Featurize(FeatureRow row)
    {
        PredictionEngine<FeatureRow, FeatureVectorRow> engine = _engines.Get();
        try
        {
            return engine.Predict(row).Features;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    /// <summary>The names of its output features (an ML.NET schema walk, ~0.3 s for the default model).</summary>
    internal string?[] SlotNames() => FeatureVectorRow.SlotNames(_featurizer.GetOutputSchema(_inputSchema)["Features"]);

    /// <summary>Reads a featurizer saved by <see cref="Save"/>.</summary>
    internal static MlFeaturizer Load(Stream stream, int cueFeatures)
    {
        var ml = new MLContext(seed: 0);
        ITransformer featurizer = ml.Model.Load(stream, out DataViewSchema inputSchema);
        return new MlFeaturizer(ml, featurizer, inputSchema, cueFeatures);
    }

    internal void Save(Stream stream) => _ml.Model.Save(_featurizer, _inputSchema, stream);

    private sealed class EnginePolicy(MLContext ml, ITransformer featurizer, SchemaDefinition input) : PooledObjectPolicy<PredictionEngine<FeatureRow, FeatureVectorRow>>
    {
        public override PredictionEngine<FeatureRow, FeatureVectorRow> Create() =>
            ml.Model.CreatePredictionEngine<FeatureRow, FeatureVectorRow>(featurizer, inputSchemaDefinition: input);

        public override bool Return(PredictionEngine<FeatureRow, FeatureVectorRow> obj) => true;
    }
}
