using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using TextInsight.Classification;
using TextInsight.Features;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;
using TextInsight.Normalization;

namespace TextInsight.Grouping;

/// <summary>
/// Scores whether two messages are about the same issue (TAXONOMY.md, "Same issue"): a logistic model over
/// eighteen things two messages share or disagree on (character n-grams, words, place and organisation names,
/// keywords, copied text, the rare passages their openings share, the cities and districts they name, how close they
/// lie in a semantic space learned from the corpus), with the corpus document frequencies those are weighed by.
/// <see cref="Default"/> is trained on our judged pairs; <see cref="Training.SameIssueTrainer"/> trains one on yours.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SameIssueModel
{
    /// <summary>The model file format this library reads and writes.</summary>
    public const int SupportedFormatVersion = 1;

    private const string Resource = "TextInsight.models.issues.zip";
    private const string ManifestEntry = "manifest.json";
    private const string FrequenciesEntry = "frequencies.bin";
    private const string SemanticEntry = "semantic.bin";
    private const string Kind = "same-issue";

    private static readonly Lazy<SameIssueModel> s_default = new(LoadDefault);
    private static readonly Lazy<PosTagger> s_tagger = new(() => PosTagger.Create());

    private readonly SameIssueManifest _manifest;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _weights;

    internal SameIssueModel(SameIssueManifest manifest, DocumentFrequencies frequencies, SemanticSpace? semantic)
    {
        _manifest = manifest;
        Frequencies = frequencies;
        Semantic = semantic;
        _mean = [.. manifest.Mean];
        _scale = [.. manifest.Scale];
        _weights = [.. manifest.Weights];
        Builder = new IssueDocumentBuilder(s_tagger.Value, frequencies, (float)manifest.AnchorMinIdf, semantic);
    }

    /// <summary>The shipped model (models/issue-model.zip, embedded), loaded once on first use.</summary>
    /// <exception cref="ModelFormatException">The embedded model is missing or unreadable (a broken build).</exception>
    public static SameIssueModel Default => s_default.Value;

    /// <summary>The score at or above which two messages count as the same issue (chosen by cross-validation when trained).</summary>
    public double Threshold => _manifest.Threshold;

    /// <summary>The L2 regularisation the trainer chose for this model by inner cross-validation on its pairs.</summary>
    public double L2Regularization => _manifest.L2Regularization;

    /// <summary>How many judged pairs the model was trained on.</summary>
    public int TrainingPairs => _manifest.TrainingPairs;

    /// <summary>How many messages the document frequencies were counted over.</summary>
    public int CorpusMessages => Frequencies.DocumentCount;

    /// <summary>
    /// Coordinates of the semantic space learned from the training corpus (128 for the shipped model); 0 when the corpus
    /// was too small to learn one (fewer than 138 messages, or fewer than 138 words each found in 3 of them), and the
    /// semantic feature is then always 0.
    /// </summary>
    public int SemanticDimensions => Semantic?.Dimensions ?? 0;

    /// <summary>The names of the pair features, in the order of the model's weights.</summary>
    public IReadOnlyList<string> FeatureNames => _manifest.Features;

    /// <summary>The feature weights (on standardised features), in <see cref="FeatureNames"/> order: what the model relies on.</summary>
    public IReadOnlyList<double> Weights => _manifest.Weights;

    internal DocumentFrequencies Frequencies { get; }

    /// <summary>The semantic space learned from the corpus; null when the corpus was too small to learn one.</summary>
    internal SemanticSpace? Semantic { get; }

    internal IssueDocumentBuilder Builder { get; }

    internal static PosTagger Tagger => s_tagger.Value;

    /// <summary>The same model deciding at another threshold: higher merges fewer messages (fewer related issues joined, more repeats missed).</summary>
    /// <param name="threshold">A score in (0, 1).</param>
    /// <returns>The model with that threshold.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0, 1).</exception>
    public SameIssueModel WithThreshold(double threshold)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in (0, 1).");
        }

        return new SameIssueModel(_manifest with { Threshold = threshold }, Frequencies, Semantic);
    }

    /// <summary>The probability that two messages are about the same issue.</summary>
    /// <param name="a">One message.</param>
    /// <param name="b">The other.</param>
    /// <returns>A score in [0, 1]; the messages are the same issue when it reaches <see cref="Threshold"/>.</returns>
    /// <exception cref="ArgumentNullException">A message is null.</exception>
    public double Score(IssueMessage a, IssueMessage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ScoreDocuments(Prepare(a), Prepare(b));
    }

    internal IssueDocument Prepare(IssueMessage m) => Builder.Build(m.Title, m.Text);

    internal double ScoreDocuments(IssueDocument a, IssueDocument b)
    {
        Span<float> f = stackalloc float[PairFeatures.Count];
        PairFeatures.Compute(a, b, Frequencies, f);
        return ScoreFeatures(f);
    }

    internal double ScoreFeatures(ReadOnlySpan<float> features)
    {
        double z = _manifest.Bias;
        for (int i = 0; i < _weights.Length; i++)
        {
            z += _weights[i] * ((features[i] - _mean[i]) / _scale[i]);
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }

    /// <summary>Writes the model to a file.</summary>
    /// <param name="path">The file to create or replace.</param>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.Create(path);
        Save(file);
    }

    /// <summary>Writes the model to a stream (a zip: manifest.json, frequencies.bin and, when it has one, semantic.bin).</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (Stream s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(s, _manifest, SameIssueJson.Default.SameIssueManifest);
        }

        using (Stream f = zip.CreateEntry(FrequenciesEntry, CompressionLevel.Optimal).Open())
        {
            var buffer = new byte[Frequencies.Counts.Length * sizeof(int)];
            for (int i = 0; i < Frequencies.Counts.Length; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(i * sizeof(int)), Frequencies.Counts[i]);
            }

            f.Write(buffer);
        }

        if (Semantic is not null)
        {
            using Stream s = zip.CreateEntry(SemanticEntry, CompressionLevel.Optimal).Open();
            using var w = new BinaryWriter(s);
            Semantic.Write(w);
        }
    }

    /// <summary>Loads a model file written by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The file is not a same-issue model this library can use.</exception>
    public static SameIssueModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>Loads a model from a stream written by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">The model; read, not disposed.</param>
    /// <param name="sourceName">A name for error messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The stream is not a same-issue model this library can use.</exception>
    public static SameIssueModel Load(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string source = sourceName ?? "(stream)";
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            ZipArchiveEntry manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Refuse(source, "it has no manifest.json; it is not a same-issue model", null);
            SameIssueManifest manifest;
            using (Stream s = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize(s, SameIssueJson.Default.SameIssueManifest) ?? throw Refuse(source, "its manifest is empty", null);
            }

            Check(manifest, source);
            ZipArchiveEntry freqEntry = zip.GetEntry(FrequenciesEntry) ?? throw Refuse(source, "it has no frequencies.bin", manifest.FormatVersion);
            int expected = 1 << manifest.FrequencyBits;
            if (freqEntry.Length != (long)expected * sizeof(int))
            {
                throw Refuse(source, $"frequencies.bin holds {freqEntry.Length} bytes, not the {expected * sizeof(int)} its manifest says", manifest.FormatVersion);
            }

            var bytes = new byte[expected * sizeof(int)];
            using (Stream s = freqEntry.Open())
            {
                s.ReadExactly(bytes);
            }

            var counts = new int[expected];
            for (int i = 0; i < expected; i++)
            {
                counts[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
                if (counts[i] < 0 || counts[i] > manifest.DocumentCount)
                {
                    throw Refuse(source, "frequencies.bin holds counts outside [0, documentCount]", manifest.FormatVersion);
                }
            }

            SemanticSpace? semantic = null;
            if (manifest.SemanticDimensions > 0)
            {
                ZipArchiveEntry semanticEntry = zip.GetEntry(SemanticEntry) ?? throw Refuse(source, "it has no semantic.bin though its manifest names a semantic space", manifest.FormatVersion);
                using Stream s = semanticEntry.Open();
                using var r = new BinaryReader(s);
                semantic = SemanticSpace.Read(r);
                if (semantic.Dimensions != manifest.SemanticDimensions)
                {
                    throw Refuse(source, $"semantic.bin has {semantic.Dimensions} dimensions, not the {manifest.SemanticDimensions} its manifest says", manifest.FormatVersion);
                }
            }

            return new SameIssueModel(manifest, new DocumentFrequencies(counts, manifest.DocumentCount), semantic);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or EndOfStreamException or NotSupportedException)
        {
            throw Refuse(source, "it is not a readable same-issue model (" + e.Message + ")", null, e);
        }
    }

    private static void Check(SameIssueManifest m, string source)
    {
        if (m.Kind != Kind)
        {
            throw Refuse(source, $"it is not a same-issue model (its kind is '{m.Kind}')", m.FormatVersion);
        }

        if (m.FormatVersion != SupportedFormatVersion)
        {
            throw Refuse(source, $"its format version is {m.FormatVersion}", m.FormatVersion);
        }

        if (!m.Features.SequenceEqual(PairFeatures.Names))
        {
            throw Refuse(source, "it was trained on other pair features (" + string.Join(", ", m.Features) + ") than this library computes", m.FormatVersion);
        }

        if (m.Mean.Count != m.Features.Count || m.Scale.Count != m.Features.Count || m.Weights.Count != m.Features.Count
            || m.Scale.Any(s => !(s > 0)) || m.Weights.Concat(m.Mean).Append(m.Bias).Any(v => !double.IsFinite(v)))
        {
            throw Refuse(source, "its weights do not match its features or are not finite", m.FormatVersion);
        }

        if (!(m.Threshold > 0 && m.Threshold < 1) || m.FrequencyBits is < 8 or > 26 || m.DocumentCount < 1)
        {
            throw Refuse(source, "its threshold, table size or corpus size is out of range", m.FormatVersion);
        }

        if (m.NormalizerRules != TextNormalizer.RulesVersion)
        {
            throw Refuse(source, $"it was trained with other text normalisation rules (version {m.NormalizerRules}) than this library's (version {TextNormalizer.RulesVersion}); retrain it", m.FormatVersion);
        }

        if (m.Segmenter != JiebaSegmenter.BuiltInFingerprint)
        {
            throw Refuse(source, "it was trained with another segmenter dictionary or rules than this library's; retrain it", m.FormatVersion);
        }
    }

    private static ModelFormatException Refuse(string source, string problem, int? version, Exception? inner = null) =>
        new(source, problem, version, inner, SupportedFormatVersion);

    private static SameIssueModel LoadDefault()
    {
        using Stream stream = typeof(SameIssueModel).Assembly.GetManifestResourceStream(Resource)
            ?? throw new ModelFormatException("(embedded)", "the library was built without models/issue-model.zip", null, null, SupportedFormatVersion);
        return Load(stream, "(embedded default same-issue model)");
    }

    internal static string LibraryVersion =>
        typeof(SameIssueModel).Assembly.GetName().Version?.ToString() ?? ""; // as the classifier's manifest records it
}

/// <summary>manifest.json of a same-issue model.</summary>
internal sealed record SameIssueManifest
{
    public string Kind { get; init; } = "";

    public int FormatVersion { get; init; }

    public string LibraryVersion { get; init; } = "";

    public string Segmenter { get; init; } = "";

    public int NormalizerRules { get; init; }

    public List<string> Features { get; init; } = [];

    public List<double> Mean { get; init; } = [];

    public List<double> Scale { get; init; } = [];

    public List<double> Weights { get; init; } = [];

    public double Bias { get; init; }

    public double Threshold { get; init; }

    public double AnchorMinIdf { get; init; }

    public int FrequencyBits { get; init; }

    public int DocumentCount { get; init; }

    public int TrainingPairs { get; init; }

    /// <summary>The L2 strength the trainer chose by inner cross-validation (a record; scoring does not use it).</summary>
    public double L2Regularization { get; init; }

    /// <summary>The largest share of related training pairs the threshold was allowed to merge (1: best F1).</summary>
    public double MaxRelatedMerged { get; init; } = 1.0;

    /// <summary>Coordinates of the semantic space in semantic.bin; 0 when the corpus was too small to learn one.</summary>
    public int SemanticDimensions { get; init; }

    public static SameIssueManifest Create(IReadOnlyList<double> mean, IReadOnlyList<double> scale, IReadOnlyList<double> weights, double bias,
        double threshold, double anchorMinIdf, int frequencyBits, int documentCount, int pairs, double l2, double maxRelatedMerged, int semanticDimensions) => new()
        {
            Kind = "same-issue",
            FormatVersion = SameIssueModel.SupportedFormatVersion,
            LibraryVersion = SameIssueModel.LibraryVersion,
            Segmenter = JiebaSegmenter.BuiltInFingerprint,
            NormalizerRules = TextNormalizer.RulesVersion,
            Features = [.. PairFeatures.Names],
            Mean = [.. mean],
            Scale = [.. scale],
            Weights = [.. weights],
            Bias = bias,
            Threshold = threshold,
            AnchorMinIdf = anchorMinIdf,
            FrequencyBits = frequencyBits,
            DocumentCount = documentCount,
            TrainingPairs = pairs,
            L2Regularization = l2,
            MaxRelatedMerged = maxRelatedMerged,
            SemanticDimensions = semanticDimensions,
        };
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SameIssueManifest))]
internal sealed partial class SameIssueJson : JsonSerializerContext;
