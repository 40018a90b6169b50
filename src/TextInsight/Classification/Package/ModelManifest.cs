namespace TextInsight.Classification.Package;

/// <summary>Settings of the ML.NET featurizer (recorded in the model manifest).</summary>
/// <param name="WordNgrams">Longest word n-gram (over segmenter tokens).</param>
/// <param name="CharNgrams">Longest character n-gram.</param>
/// <param name="MaxWordNgrams">Most frequent word n-grams kept per length.</param>
/// <param name="MaxCharNgrams">Most frequent character n-grams kept per length.</param>
internal sealed record FeaturizerSettings(int WordNgrams, int CharNgrams, int MaxWordNgrams, int MaxCharNgrams);

/// <summary>Regularisation of the ML.NET L-BFGS trainers (chosen by cross-validation).</summary>
/// <param name="L1">L1 weight (sparsity).</param>
/// <param name="L2">L2 weight.</param>
internal sealed record HeadSettings(float L1, float L2);

/// <summary>One prediction task of a model: its labels and decision thresholds.</summary>
internal sealed class TaskManifest
{
    /// <summary>"topics", "primary", "urgency" (default taxonomy) or "label" (custom).</summary>
    public string Name { get; set; } = "";

    /// <summary>True: one calibrated binary head per label; false: one softmax head.</summary>
    public bool MultiLabel { get; set; }

    public List<string> Labels { get; set; } = [];

    /// <summary>
    /// Multi-label: a label is assigned when its probability reaches its threshold. Single-label: the
    /// per-label offsets added to log-probabilities before taking the largest (0 = plain argmax).
    /// </summary>
    public List<double> Thresholds { get; set; } = [];

    /// <summary>
    /// How the reported probabilities are calibrated (<see cref="ProbabilityCalibration"/>): empty for none
    /// (models trained before it), [a, b_0 .. b_{K-1}] for a softmax task, [a_1, b_1, a_2, b_2, ...] for a
    /// multi-label task. Decisions use the raw probabilities with <see cref="Thresholds"/>.
    /// </summary>
    public List<double> Calibration { get; set; } = [];
}

/// <summary>manifest.json of a model package.</summary>
internal sealed class ModelManifest
{
    internal const string FormatName = "TextInsight.Model";

    public string Format { get; set; } = FormatName;

    public int FormatVersion { get; set; } = ModelFormatException.SupportedFormatVersion;

    /// <summary>"feedback" (default taxonomy) or "custom".</summary>
    public string Kind { get; set; } = "";

    public string LibraryVersion { get; set; } = "";

    public int FeatureDimension { get; set; }

    /// <summary>
    /// The fingerprint of the urgency cue lists the model was trained with (<c>UrgencyCueLexicon.Fingerprint</c>);
    /// the lists themselves are the package's <c>cues.txt</c>.
    /// </summary>
    public string CueLexicon { get; set; } = "";

    /// <summary>How many urgency cue features the model's feature vector holds.</summary>
    public int CueFeatures { get; set; }

    /// <summary>The version of the text normalisation rules the model's messages were normalised with (<c>TextNormalizer.RulesVersion</c>).</summary>
    public int NormalizerRules { get; set; }

    /// <summary>The version of the transcript rules (speaker labels, operator turns, fillers) of the library that trained it.</summary>
    public int TranscriptRules { get; set; }

    /// <summary>The segmenter the words came from: <c>JiebaSegmenter.BuiltInFingerprint</c> (dictionary, HMM tables, cutting rules).</summary>
    public string Segmenter { get; set; } = "";

    /// <summary>Characters of a transcript read for speaker turns before its caller's turns are cut to <see cref="MaxChars"/>.</summary>
    public int TranscriptScanChars { get; set; }

    public int MaxChars { get; set; }

    public FeaturizerSettings Featurizer { get; set; } = new(2, 3, 100_000, 100_000);

    public HeadSettings Heads { get; set; } = new(0, 0);

    public List<TaskManifest> Tasks { get; set; } = [];

    /// <summary>Free-form training facts (data size, seed, cross-validated metrics) for the model card.</summary>
    public Dictionary<string, string> Training { get; set; } = [];

    /// <summary>
    /// Default taxonomy: urgency offsets for a range of high-recall targets, chosen and measured on the
    /// training's out-of-fold predictions. Empty for custom models and models trained before them.
    /// </summary>
    public List<UrgencyPointManifest> UrgencyOperatingPoints { get; set; } = [];
}

/// <summary>One urgency operating point as stored: its offsets and what cross-validation measured with them.</summary>
internal sealed class UrgencyPointManifest
{
    public double RecallTarget { get; set; }

    /// <summary>Offsets to the urgency log-probabilities, in the task's label order.</summary>
    public List<double> Offsets { get; set; } = [];

    public double HighRecall { get; set; }

    public double HighPrecision { get; set; }

    public double FlaggedShare { get; set; }

    public double MacroF1 { get; set; }
}

/// <summary>
/// manifest.json's serializer, generated at compile time: reflection-based System.Text.Json spent ~150 ms
/// of a cold <c>LoadDefault()</c> (~0.45 s) building its metadata for this one small file.
/// </summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase,
    NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ManifestJson : System.Text.Json.Serialization.JsonSerializerContext;
