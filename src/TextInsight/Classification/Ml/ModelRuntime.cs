using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using TextInsight.Features;

namespace TextInsight.Classification.Ml;

/// <summary>
/// A scored message: its preparation, features, per-task raw probabilities (what decisions use) and the
/// calibrated probabilities reported to callers (the raw ones for models without calibration).
/// </summary>
internal sealed record ScoredMessage(PreparedMessage Message, VBuffer<float> Features, double[][] Probabilities, double[][] Reported);

/// <summary>
/// A loaded model: the featurizer (native, from the vocabulary and document frequencies verified against
/// ML.NET at training time; or the ML.NET featurizer itself, run through pooled prediction engines, for
/// packages without them) and the linear heads, scored from their extracted parameters.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ModelRuntime
{
    private const string ManifestEntry = "manifest.json";
    private const string FeaturizerEntry = "featurizer.zip";
    private const string HeadsEntry = "heads.bin";

    // Names of the features some head weighs (the only ones a cue can show), as (index, name) pairs.
    // Optional: without it the names come from ngrams.bin, or lacking that an ML.NET transform (~0.3 s).
    private const string SlotsEntry = "slots.bin";

    // The native featurizer's vocabulary and document frequencies. Optional: without it every message
    // runs through the ML.NET featurizer (featurizing ~2x slower, ~1.5x fewer CLI rows/s, ~0.3 s more to load).
    private const string NgramsEntry = "ngrams.bin";

    // The latent semantic space whose coordinates follow the n-gram features (models trained with one).
    private const string SemanticEntry = "semantic.bin";

    // The urgency cue lists the model was trained with (UrgencyCueLexicon.ToText): the model is scored with them, whatever
    // lists the library loading it has built in.
    private const string CuesEntry = "cues.txt";

    private readonly Lazy<MlFeaturizer> _ml;
    private readonly NgramFeaturizer? _native;
    private readonly SemanticSpace? _semantic;
    private readonly Lazy<string?[]> _slotNames; // null entry: a feature no head weighs, when read from slots.bin
    private readonly bool[] _multiLabel;
    private readonly List<double>[]? _calibration; // per task; null: no task is calibrated
    private readonly Lazy<string?[]> _displayNames; // per weighed feature (by table row), its term as a cue shows it; filled on first use

    internal ModelRuntime(MLContext ml, ITransformer featurizer, DataViewSchema inputSchema, ModelManifest manifest, LinearHead[][] heads, FeatureExtractor extractor,
        string?[]? slotNames = null, NgramFeaturizer? native = null, SemanticSpace? semantic = null)
        : this(new Lazy<MlFeaturizer>(new MlFeaturizer(ml, featurizer, inputSchema, extractor.Lexicon.FeatureCount)), manifest, heads, new WeightTable(heads, manifest.FeatureDimension), extractor,
            slotNames, native, semantic)
    {
    }

    private ModelRuntime(Lazy<MlFeaturizer> mlFeaturizer, ModelManifest manifest, LinearHead[][] heads, WeightTable weights, FeatureExtractor extractor,
        string?[]? slotNames, NgramFeaturizer? native, SemanticSpace? semantic)
    {
        _ml = mlFeaturizer;
        _native = native;
        _semantic = semantic;
        Manifest = manifest;
        Heads = heads;
        Weights = weights;
        Extractor = extractor;
        _slotNames = slotNames is not null ? new Lazy<string?[]>(slotNames)
            : native is not null ? new Lazy<string?[]>(() => Enumerable.Range(0, native.Dimension).Select(native.SlotName).ToArray())
            : new Lazy<string?[]>(() => _ml.Value.SlotNames());
        _displayNames = new Lazy<string?[]>(() => new string?[weights.Rows]);
        _multiLabel = [.. manifest.Tasks.Select(t => t.MultiLabel)];
        _calibration = manifest.Tasks.Any(t => t.Calibration.Count > 0) ? [.. manifest.Tasks.Select(t => t.Calibration)] : null;
    }

    // Shares everything loaded (featurizers, engine pool, heads) with a different text preparation.
    private ModelRuntime(ModelRuntime other, FeatureExtractor extractor)
    {
        _ml = other._ml;
        _native = other._native;
        _semantic = other._semantic;
        Manifest = other.Manifest;
        Heads = other.Heads;
        Weights = other.Weights;
        Extractor = extractor;
        _slotNames = other._slotNames;
        _displayNames = other._displayNames;
        _multiLabel = other._multiLabel;
        _calibration = other._calibration;
    }

    /// <summary>True when messages are featurized natively rather than through ML.NET.</summary>
    internal bool IsNative => _native is not null;

    internal ModelRuntime WithExtractor(FeatureExtractor extractor) => new(this, extractor);

    internal ModelManifest Manifest { get; }

    /// <summary>Per task: one softmax head, or one binary head per label.</summary>
    internal LinearHead[][] Heads { get; }

    /// <summary>The heads' weights, laid out for scoring them all at once.</summary>
    internal WeightTable Weights { get; }

    internal FeatureExtractor Extractor { get; }

    internal TaskManifest Task(string name) => Manifest.Tasks.First(t => t.Name == name);

    internal int TaskIndex(string name) => Manifest.Tasks.FindIndex(t => t.Name == name);

    internal ScoredMessage Score(string? title, string text)
    {
        PreparedMessage message = Extractor.Prepare(title, text);
        VBuffer<float> features = _native is not null ? _native.Featurize(message.Row) : _ml.Value.Featurize(message.Row);
        if (_semantic is not null)
        {
            features = _semantic.Append(features, message.Row.Words);
        }

        double[][] raw = Weights.Predict(features);
        return new ScoredMessage(message, features, raw, _calibration is null ? raw : ProbabilityCalibration.Apply(raw, _multiLabel, _calibration));
    }

    /// <summary>The n-grams that pushed class <paramref name="cls"/> of head <paramref name="head"/> of task <paramref name="task"/> up the most.</summary>
    internal IEnumerable<(string Term, double Weight)> TopTerms(in VBuffer<float> features, int task, int head, int cls, int count)
    {
        // The best few contributions usually hold enough distinct named terms; if not, all of them. Only n-grams
        // have names: the semantic coordinates that follow them (often the largest contributions) are left out first.
        int named = Manifest.FeatureDimension - (_semantic?.Dimensions ?? 0);
        foreach (int top in (int[])[4 * count, int.MaxValue])
        {
            List<(int Feature, double Contribution)> ranked = Weights.Contributions(features, task, head, cls, top, named);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var terms = new List<(string, double)>();
            foreach ((int feature, double contribution) in ranked)
            {
                string? term = DisplayName(feature);
                if (term is null || !seen.Add(term))
                {
                    continue;
                }

                terms.Add((term, contribution));
                if (terms.Count == count)
                {
                    return terms;
                }
            }

            if (ranked.Count < top)
            {
                return terms; // every positive contribution was seen
            }
        }

        return [];
    }

    // "WordGrams.物业|收费" -> "物业收费"; character n-grams likewise; cue counts are reported as phrases instead.
    // Cached per feature (two calls per Classify spent ~18 µs making these strings); "" marks a feature without one.
    private string? DisplayName(int feature)
    {
        int row = Weights.RowIndex(feature);
        if (row < 0)
        {
            return null; // no head weighs it: it contributes nothing
        }

        string?[] cache = _displayNames.Value;
        string? term = Volatile.Read(ref cache[row]);
        if (term is null)
        {
            term = ComputeDisplayName(feature);
            Volatile.Write(ref cache[row], term); // racing threads write the same string
        }

        return term.Length == 0 ? null : term;
    }

    private string ComputeDisplayName(int feature)
    {
        string?[] names = _slotNames.Value;
        string name = feature < names.Length ? names[feature] ?? "" : "";
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || name.StartsWith("Cues", StringComparison.Ordinal))
        {
            return "";
        }

        string gram = name[(dot + 1)..];
        string term = gram.Replace("|", "", StringComparison.Ordinal);
        if (term.Contains("<num>", StringComparison.Ordinal))
        {
            return "";
        }

        return name.StartsWith("WordGrams", StringComparison.Ordinal)
            ? (IsEvidenceWordGram(gram.Split('|')) ? term : "")
            : (IsEvidenceWord(term) ? term : "");
    }

    // What a clerk accepts as evidence: content words, never a function word, pronoun or boilerplate (我们, 的, 问题).
    // A word n-gram must begin and end with such a word; a character n-gram must itself be a dictionary word (a piece
    // such as 燃 or 费从 names nothing).
    private static bool IsEvidenceWordGram(string[] words) => IsContentWord(words[0]) && IsContentWord(words[^1]);

    private bool IsEvidenceWord(string term) => IsContentWord(term) && Extractor.Segmenter.GetFrequency(term) is > 0;

    private static bool IsContentWord(string word) => word.Length >= 2 && !Jieba.Keywords.StopWords.Chinese.Contains(word);

    internal void Save(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (Stream s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(s, Manifest, ManifestJson.Default.ModelManifest);
        }

        using (Stream s = zip.CreateEntry(CuesEntry, CompressionLevel.Optimal).Open())
        {
            s.Write(System.Text.Encoding.UTF8.GetBytes(Extractor.Lexicon.ToText()));
        }

        using (Stream s = zip.CreateEntry(FeaturizerEntry, CompressionLevel.NoCompression).Open())
        {
            _ml.Value.Save(s);
        }

        if (_native is not null)
        {
            using Stream s = zip.CreateEntry(NgramsEntry, CompressionLevel.Optimal).Open();
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8);
            _native.Write(w);
        }

        if (_semantic is not null)
        {
            // Stored: half-precision coordinates deflate by ~7%, not worth inflating at every load.
            using Stream s = zip.CreateEntry(SemanticEntry, CompressionLevel.NoCompression).Open();
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8);
            _semantic.Write(w);
        }

        using (Stream s = zip.CreateEntry(SlotsEntry, CompressionLevel.Optimal).Open())
        using (var w = new BinaryWriter(s, System.Text.Encoding.UTF8))
        {
            string?[] names = _slotNames.Value;
            int[] used = Enumerable.Range(0, names.Length)
                .Where(i => names[i] is not null && Weights.Uses(i)).ToArray();
            w.Write(used.Length);
            foreach (int i in used)
            {
                w.Write(i);
                w.Write(names[i]!);
            }
        }

        using (Stream s = zip.CreateEntry(HeadsEntry, CompressionLevel.Optimal).Open())
        using (var w = new BinaryWriter(s))
        {
            foreach (LinearHead[] task in Heads)
            {
                foreach (LinearHead head in task)
                {
                    head.Write(w);
                }
            }
        }
    }

    /// <summary>Reads a package; only ML.NET's own loader runs on its contents.</summary>
    /// <exception cref="ModelFormatException">Not a zip, missing entries, wrong format or version, inconsistent heads.</exception>
    internal static ModelRuntime Load(Stream stream, string source, string expectedKind)
    {
        // The segmenter's dictionary loads on the other core meanwhile.
        var defaultExtractor = System.Threading.Tasks.Task.Run(() => FeatureExtractor.Default);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException(source, "the file is not a zip archive (truncated or corrupt?)", null, e);
        }

        using (zip)
        {
            ModelManifest manifest = ReadManifest(zip, source, expectedKind);
            Urgency.UrgencyCueLexicon lexicon = ReadCues(zip, manifest, source);

            // Entries are inflated here, one after another (a ZipArchive is not thread-safe), and each is parsed on
            // the thread pool as soon as it is out, the largest parse (the n-gram vocabulary) first.
            MemoryStream? ngramsBytes = zip.GetEntry(NgramsEntry) is { } ngramsEntry ? Inflate(ngramsEntry, source, manifest) : null;
            var nativeTask = System.Threading.Tasks.Task.Run(() => ngramsBytes is null ? null : ReadNgrams(ngramsBytes, manifest, source));
            MemoryStream? semanticBytes = zip.GetEntry(SemanticEntry) is { } semanticEntry ? Inflate(semanticEntry, source, manifest) : null;
            var semanticTask = System.Threading.Tasks.Task.Run(() => semanticBytes is null ? null : ReadSemantic(semanticBytes, manifest, source));
            MemoryStream headsBytes = Inflate(Entry(zip, HeadsEntry, source), source, manifest);
            var headsTask = System.Threading.Tasks.Task.Run(() => ReadHeads(headsBytes, manifest, source));
            MemoryStream? slotsBytes = zip.GetEntry(SlotsEntry) is { } slotsEntry ? Inflate(slotsEntry, source, manifest) : null;
            var slotsTask = System.Threading.Tasks.Task.Run(() => slotsBytes is null ? null : ReadSlots(slotsBytes, manifest, source));
            MemoryStream featurizerBytes = Inflate(Entry(zip, FeaturizerEntry, source), source, manifest);

            NgramFeaturizer? native = nativeTask.GetAwaiter().GetResult();
            SemanticSpace? semantic = semanticTask.GetAwaiter().GetResult();
            int ngramDimension = manifest.FeatureDimension - (semantic?.Dimensions ?? 0);
            if (native is not null && native.Dimension != ngramDimension)
            {
                throw new ModelFormatException(source, $"ngrams.bin makes {native.Dimension} features, the manifest says {ngramDimension}", manifest.FormatVersion);
            }

            var ml = new Lazy<MlFeaturizer>(() => MlFeaturizer.Load(featurizerBytes, ngramDimension, lexicon.FeatureCount, manifest, source));
            if (native is null)
            {
                _ = ml.Value; // no native featurizer: ML.NET's must load now, and a corrupt one fail here
            }

            (LinearHead[][] heads, WeightTable weights) = headsTask.GetAwaiter().GetResult();
            string?[]? slotNames = slotsTask.GetAwaiter().GetResult();
            FeatureExtractor extractor = defaultExtractor.GetAwaiter().GetResult().WithLexicon(lexicon).WithMaxChars(manifest.MaxChars);
            return new ModelRuntime(ml, manifest, heads, weights, extractor, slotNames, native, semantic);
        }
    }

    private static string Described(string libraryVersion) => libraryVersion.Length > 0 ? libraryVersion : "version not recorded";

    private static ModelManifest ReadManifest(ZipArchive zip, string source, string expectedKind)
    {
        ModelManifest manifest;
        try
        {
            using Stream s = Entry(zip, ManifestEntry, source).Open();
            manifest = JsonSerializer.Deserialize(s, ManifestJson.Default.ModelManifest)
                ?? throw new ModelFormatException(source, "manifest.json is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            throw new ModelFormatException(source, "manifest.json is unreadable: " + e.Message, null, e);
        }

        if (manifest.Format != ModelManifest.FormatName)
        {
            throw new ModelFormatException(source, $"manifest.json names format '{manifest.Format}', not {ModelManifest.FormatName}", manifest.FormatVersion);
        }

        if (manifest.FormatVersion != ModelFormatException.SupportedFormatVersion)
        {
            throw new ModelFormatException(source,
                manifest.FormatVersion > ModelFormatException.SupportedFormatVersion
                    ? "the model was written by a newer TextInsight; upgrade the package"
                    : "the model format is too old; retrain it with this version",
                manifest.FormatVersion);
        }

        // What shaped the features besides the stored cue lists: refused by name when this library would compute them otherwise.
        string retrain = $"its features cannot be reproduced; retrain it, or load it with the TextInsight version that trained it ({Described(manifest.LibraryVersion)})";
        foreach ((string what, string model, string library) in (ReadOnlySpan<(string, string, string)>)[
            ("text normalisation rules", $"version {manifest.NormalizerRules}", $"version {Normalization.TextNormalizer.RulesVersion}"),
            ("transcript rules", $"version {manifest.TranscriptRules}", $"version {Normalization.Transcript.RulesVersion}"),
            ("segmenter (dictionary, HMM and cutting rules)", manifest.Segmenter, Jieba.Segmentation.JiebaSegmenter.BuiltInFingerprint),
            ("transcript scan limit", $"{manifest.TranscriptScanChars} characters", $"{FeatureExtractor.TranscriptParseFactor * manifest.MaxChars} characters")])
        {
            if (model != library)
            {
                throw new ModelFormatException(source, $"it was trained with other {what} ({model}) than this library's ({library}): {retrain}", manifest.FormatVersion);
            }
        }

        if (manifest.Kind != expectedKind)
        {
            throw new ModelFormatException(source,
                manifest.Kind == "custom" ? "it is a custom-taxonomy model; load it with TextClassifier" : "it is a default-taxonomy model; load it with FeedbackClassifier",
                manifest.FormatVersion);
        }

        int urgencyLabels = manifest.Tasks.Find(t => t.Name == "urgency")?.Labels.Count ?? 0;
        double previous = 0;
        foreach (UrgencyPointManifest point in manifest.UrgencyOperatingPoints)
        {
            if (!(point.RecallTarget > previous && point.RecallTarget <= 1) || point.Offsets.Count != urgencyLabels || !point.Offsets.All(double.IsFinite))
            {
                throw new ModelFormatException(source, "manifest.json has a malformed urgency operating point (targets must rise within (0, 1], one finite offset per urgency label)",
                    manifest.FormatVersion);
            }

            previous = point.RecallTarget;
        }

        return manifest;
    }

    private static SemanticSpace ReadSemantic(Stream stream, ModelManifest manifest, string source)
    {
        SemanticSpace semantic = ReadEntry(stream, SemanticEntry, SemanticSpace.Read, manifest, source);
        if (semantic.Dimensions >= manifest.FeatureDimension)
        {
            throw new ModelFormatException(source, $"semantic.bin makes {semantic.Dimensions} features, the manifest says {manifest.FeatureDimension} in all", manifest.FormatVersion);
        }

        return semantic;
    }

    private static NgramFeaturizer ReadNgrams(Stream stream, ModelManifest manifest, string source) =>
        ReadEntry(stream, NgramsEntry, r => NgramFeaturizer.Read(r, manifest.CueFeatures), manifest, source);

    /// <summary>The cue lists stored in the package, checked against the manifest's fingerprint.</summary>
    private static Urgency.UrgencyCueLexicon ReadCues(ZipArchive zip, ModelManifest manifest, string source)
    {
        MemoryStream bytes = Inflate(Entry(zip, CuesEntry, source), source, manifest);
        Urgency.UrgencyCueLexicon lexicon;
        try
        {
            lexicon = Urgency.UrgencyCueLexicon.Parse(new System.Text.UTF8Encoding(false, true).GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
        }
        catch (Exception e) when (e is FormatException or System.Text.DecoderFallbackException)
        {
            throw new ModelFormatException(source, $"its urgency cue lists ({CuesEntry}) cannot be used: {e.Message}; "
                + $"retrain it, or load it with the TextInsight version that trained it ({Described(manifest.LibraryVersion)})", manifest.FormatVersion, e);
        }

        if (lexicon.Fingerprint != manifest.CueLexicon || lexicon.FeatureCount != manifest.CueFeatures)
        {
            throw new ModelFormatException(source, $"{CuesEntry} (fingerprint {lexicon.Fingerprint}, {lexicon.FeatureCount} features) is not the cue lists the manifest records "
                + $"({manifest.CueLexicon}, {manifest.CueFeatures} features): the package is corrupt", manifest.FormatVersion);
        }

        return lexicon;
    }

    /// <summary>Parses an inflated entry; any sign of damage becomes a <see cref="ModelFormatException"/> naming it.</summary>
    private static T ReadEntry<T>(Stream stream, string entry, Func<BinaryReader, T> read, ModelManifest manifest, string source)
    {
        try
        {
            using var r = new BinaryReader(stream, System.Text.Encoding.UTF8);
            return read(r);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or FormatException)
        {
            throw new ModelFormatException(source, $"{entry} is corrupt: " + e.Message, manifest.FormatVersion, e);
        }
    }

    private static MemoryStream Inflate(ZipArchiveEntry entry, string source, ModelManifest manifest)
    {
        try
        {
            var buffer = new MemoryStream(checked((int)Math.Min(entry.Length, int.MaxValue)));
            using (Stream s = entry.Open())
            {
                s.CopyTo(buffer);
            }

            buffer.Position = 0;
            return buffer;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ModelFormatException(source, $"{entry.FullName} is corrupt: " + e.Message, manifest.FormatVersion, e);
        }
    }

    private static (LinearHead[][] Heads, WeightTable Weights) ReadHeads(Stream stream, ModelManifest manifest, string source)
    {
        LinearHead[][] heads = ReadEntry(stream, HeadsEntry, r =>
        {
            var read = new LinearHead[manifest.Tasks.Count][];
            for (int t = 0; t < manifest.Tasks.Count; t++)
            {
                TaskManifest task = manifest.Tasks[t];
                int count = task.MultiLabel ? task.Labels.Count : 1;
                read[t] = new LinearHead[count];
                for (int h = 0; h < count; h++)
                {
                    read[t][h] = LinearHead.Read(r, manifest.FeatureDimension);
                    int expected = task.MultiLabel ? 1 : task.Labels.Count;
                    if (read[t][h].Classes != expected || read[t][h].Softmax == task.MultiLabel)
                    {
                        throw new InvalidDataException($"task '{task.Name}' expects {expected} classes");
                    }
                }
            }

            return read;
        }, manifest, source);
        return (heads, new WeightTable(heads, manifest.FeatureDimension));
    }

    private static string?[] ReadSlots(Stream stream, ModelManifest manifest, string source) => ReadEntry(stream, SlotsEntry, r =>
    {
        int count = r.ReadInt32();
        if (count < 0 || count > manifest.FeatureDimension)
        {
            throw new InvalidDataException($"{count} names for {manifest.FeatureDimension} features");
        }

        var names = new string?[manifest.FeatureDimension];
        for (int k = 0; k < count; k++)
        {
            int i = r.ReadInt32();
            if ((uint)i >= (uint)names.Length)
            {
                throw new InvalidDataException($"feature index {i} out of range");
            }

            names[i] = r.ReadString();
        }

        return names;
    }, manifest, source);

    private static ZipArchiveEntry Entry(ZipArchive zip, string name, string source) =>
        zip.GetEntry(name) ?? throw new ModelFormatException(source, $"the archive has no {name}; it is not a TextInsight model");

    /// <summary>The ML.NET featurizer with a pool of prediction engines (an engine is not thread-safe).</summary>
    private sealed class MlFeaturizer
    {
        private readonly MLContext _ml;
        private readonly ITransformer _featurizer;
        private readonly DataViewSchema _inputSchema;
        private readonly ObjectPool<PredictionEngine<FeatureRow, FeatureVectorRow>> _engines;

        internal MlFeaturizer(MLContext ml, ITransformer featurizer, DataViewSchema inputSchema, int cueFeatures)
        {
            _ml = ml;
            _featurizer = featurizer;
            _inputSchema = inputSchema;
            _engines = new DefaultObjectPool<PredictionEngine<FeatureRow, FeatureVectorRow>>(new EnginePolicy(ml, featurizer, FeatureRow.Schema(cueFeatures)),
                Environment.ProcessorCount * 2);
        }

        internal static MlFeaturizer Load(MemoryStream bytes, int dimension, int cueFeatures, ModelManifest manifest, string source)
        {
            var ml = new MLContext(seed: 0);
            ITransformer featurizer;
            DataViewSchema inputSchema;
            try
            {
                bytes.Position = 0;
                featurizer = ml.Model.Load(bytes, out inputSchema);
            }
            catch (Exception e) when (e is not ModelFormatException and not OutOfMemoryException)
            {
                throw new ModelFormatException(source, "the ML.NET featurizer could not be loaded: " + e.Message, manifest.FormatVersion, e);
            }

            int produced = featurizer.GetOutputSchema(inputSchema)["Features"].Type is VectorDataViewType { Size: var size } ? size : -1;
            if (produced != dimension)
            {
                throw new ModelFormatException(source, $"the featurizer makes {produced} features, the manifest says {dimension}", manifest.FormatVersion);
            }

            return new MlFeaturizer(ml, featurizer, inputSchema, cueFeatures);
        }

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

        internal string?[] SlotNames() => FeaturizerFactory.SlotNames(_featurizer.GetOutputSchema(_inputSchema)["Features"]);

        internal void Save(Stream stream) => _ml.Model.Save(_featurizer, _inputSchema, stream);
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer featurizer, SchemaDefinition input) : PooledObjectPolicy<PredictionEngine<FeatureRow, FeatureVectorRow>>
    {
        public override PredictionEngine<FeatureRow, FeatureVectorRow> Create() =>
            ml.Model.CreatePredictionEngine<FeatureRow, FeatureVectorRow>(featurizer, inputSchemaDefinition: input);

        public override bool Return(PredictionEngine<FeatureRow, FeatureVectorRow> obj) => true;
    }
}
