using Microsoft.ML.Data;
using TextInsight.Classification.Package;
using TextInsight.Features;

namespace TextInsight.Classification.Scoring;

/// <summary>
/// A scored message: its preparation, features, per-task raw probabilities (what decisions use) and the
/// calibrated probabilities reported to callers (the raw ones for models without calibration).
/// </summary>
internal sealed record ScoredMessage(PreparedMessage Message, VBuffer<float> Features, double[][] Probabilities, double[][] Reported);

/// <summary>
/// A loaded model, scoring: text preparation, the featurizer (native, from the vocabulary and document frequencies
/// verified against ML.NET at training time; or the ML.NET featurizer itself for packages without them), the
/// semantic space and the linear heads, scored from their extracted parameters. Reading and writing the package is
/// <see cref="ModelPackage"/>'s; naming the terms behind a decision is <see cref="Explanation.TermExplainer"/>'s.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ModelRuntime
{
    private readonly bool[] _multiLabel;
    private readonly List<double>[]? _calibration; // per task; null: no task is calibrated

    internal ModelRuntime(ModelManifest manifest, FeatureExtractor extractor, Lazy<MlFeaturizer> ml, NgramFeaturizer? native, SemanticSpace? semantic,
        LinearHead[][] heads, WeightTable weights, Explanation.TermExplainer explainer)
    {
        Manifest = manifest;
        Extractor = extractor;
        Ml = ml;
        Native = native;
        Semantic = semantic;
        Heads = heads;
        Weights = weights;
        Explainer = explainer;
        _multiLabel = [.. manifest.Tasks.Select(t => t.MultiLabel)];
        _calibration = manifest.Tasks.Any(t => t.Calibration.Count > 0) ? [.. manifest.Tasks.Select(t => t.Calibration)] : null;
    }

    internal ModelManifest Manifest { get; }

    internal FeatureExtractor Extractor { get; }

    /// <summary>The ML.NET featurizer: saved in every package, run only when there is no native one.</summary>
    internal Lazy<MlFeaturizer> Ml { get; }

    internal NgramFeaturizer? Native { get; }

    internal SemanticSpace? Semantic { get; }

    /// <summary>Per task: one softmax head, or one binary head per label.</summary>
    internal LinearHead[][] Heads { get; }

    /// <summary>The heads' weights, laid out for scoring them all at once.</summary>
    internal WeightTable Weights { get; }

    /// <summary>Names the terms behind a score.</summary>
    internal Explanation.TermExplainer Explainer { get; }

    /// <summary>True when messages are featurized natively rather than through ML.NET.</summary>
    internal bool IsNative => Native is not null;

    /// <summary>Shares everything loaded (featurizers, engine pool, heads, explanations) with a different text preparation.</summary>
    internal ModelRuntime WithExtractor(FeatureExtractor extractor) => new(Manifest, extractor, Ml, Native, Semantic, Heads, Weights, Explainer);

    internal TaskManifest Task(string name) => Manifest.Tasks.First(t => t.Name == name);

    internal int TaskIndex(string name) => Manifest.Tasks.FindIndex(t => t.Name == name);

    internal ScoredMessage Score(string? title, string text)
    {
        PreparedMessage message = Extractor.Prepare(title, text);
        VBuffer<float> features = Native is not null ? Native.Featurize(message.Row) : Ml.Value.Featurize(message.Row);
        if (Semantic is not null)
        {
            features = Semantic.Append(features, message.Row.Words);
        }

        double[][] raw = Weights.Predict(features);
        return new ScoredMessage(message, features, raw, _calibration is null ? raw : ProbabilityCalibration.Apply(raw, _multiLabel, _calibration));
    }
}
