using System.IO.Compression;
using System.Text.Json;
using TextInsight.Classification.Explanation;
using TextInsight.Classification.Scoring;
using TextInsight.Features;
using TextInsight.Urgency;

namespace TextInsight.Classification.Package;

/// <summary>
/// The model package, a zip archive: the one place that writes it, reads it and checks it. A package holds everything
/// that shapes its scores, or pins it: the manifest (tasks, labels, thresholds, calibration, operating points, and the
/// versions of the text preparation it was trained with), its urgency cue lists, the featurizer (ML.NET's, and the
/// native twin verified against it), the semantic space, the heads, and the names of the weighed features.
/// </summary>
internal static class ModelPackage
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

    /// <summary>Writes <paramref name="runtime"/>'s model as a package.</summary>
    internal static void Write(Stream stream, ModelRuntime runtime)
    {
        ModelManifest manifest = runtime.Manifest;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (Stream s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
        {
            JsonSerializer.Serialize(s, manifest, ManifestJson.Default.ModelManifest);
        }

        using (Stream s = zip.CreateEntry(CuesEntry, CompressionLevel.Optimal).Open())
        {
            s.Write(System.Text.Encoding.UTF8.GetBytes(runtime.Extractor.Lexicon.ToText()));
        }

        using (Stream s = zip.CreateEntry(FeaturizerEntry, CompressionLevel.NoCompression).Open())
        {
            runtime.Ml.Value.Save(s);
        }

        if (runtime.Native is not null)
        {
            using Stream s = zip.CreateEntry(NgramsEntry, CompressionLevel.Optimal).Open();
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8);
            runtime.Native.Write(w);
        }

        if (runtime.Semantic is not null)
        {
            // Stored: half-precision coordinates deflate by ~7%, not worth inflating at every load.
            using Stream s = zip.CreateEntry(SemanticEntry, CompressionLevel.NoCompression).Open();
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8);
            runtime.Semantic.Write(w);
        }

        using (Stream s = zip.CreateEntry(SlotsEntry, CompressionLevel.Optimal).Open())
        using (var w = new BinaryWriter(s, System.Text.Encoding.UTF8))
        {
            string?[] names = runtime.Explainer.SlotNames;
            int[] used = Enumerable.Range(0, names.Length)
                .Where(i => names[i] is not null && runtime.Weights.Uses(i)).ToArray();
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
            foreach (LinearHead[] task in runtime.Heads)
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
    internal static ModelRuntime Read(Stream stream, string source, string expectedKind)
    {
        // The segmenter's dictionary loads on the other core meanwhile.
        var defaultExtractor = System.Threading.Tasks.Task.Run(() => FeatureExtractor.Default);
        using (ZipArchive zip = Open(stream, source))
        {
            ModelManifest manifest = ReadManifest(zip, source, expectedKind);
            UrgencyCueLexicon lexicon = ReadCues(zip, manifest, source);

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
                throw new ModelFormatException(source, $"ngrams.bin makes {native.Dimension} n-gram features, the manifest says {ngramDimension}", manifest.FormatVersion);
            }

            var ml = new Lazy<MlFeaturizer>(() => ReadMlFeaturizer(featurizerBytes, ngramDimension, lexicon.FeatureCount, manifest, source));
            if (native is null)
            {
                _ = ml.Value; // no native featurizer: ML.NET's must load now, and a corrupt one fail here
            }

            (LinearHead[][] heads, WeightTable weights) = headsTask.GetAwaiter().GetResult();
            string?[]? slotNames = slotsTask.GetAwaiter().GetResult();
            FeatureExtractor extractor = defaultExtractor.GetAwaiter().GetResult().WithLexicon(lexicon).WithMaxChars(manifest.MaxChars);
            var explainer = new TermExplainer(weights, ngramDimension, TermExplainer.Names(slotNames, native, ml), extractor.Segmenter);
            return new ModelRuntime(manifest, extractor, ml, native, semantic, heads, weights, explainer);
        }
    }

    private static string Described(string libraryVersion) => libraryVersion.Length > 0 ? libraryVersion : "version not recorded";

    /// <summary>The manifest of a package, parsed but not checked against this library (what <see cref="ModelInfo"/> shows).</summary>
    /// <exception cref="ModelFormatException">Not a zip, no manifest, or an unreadable one.</exception>
    internal static ModelManifest ReadManifestOnly(Stream stream, string source)
    {
        using ZipArchive zip = Open(stream, source);
        return ParseManifest(zip, source);
    }

    private static ZipArchive Open(Stream stream, string source)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFormatException(source, "the file is not a zip archive (truncated or corrupt?)", null, e);
        }
    }

    private static ModelManifest ParseManifest(ZipArchive zip, string source)
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

        return manifest;
    }

    // The manifest, checked: this library's format version, the expected kind, a text preparation it reproduces.
    private static ModelManifest ReadManifest(ZipArchive zip, string source, string expectedKind)
    {
        ModelManifest manifest = ParseManifest(zip, source);

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
    private static UrgencyCueLexicon ReadCues(ZipArchive zip, ModelManifest manifest, string source)
    {
        MemoryStream bytes = Inflate(Entry(zip, CuesEntry, source), source, manifest);
        UrgencyCueLexicon lexicon;
        try
        {
            lexicon = UrgencyCueLexicon.Parse(new System.Text.UTF8Encoding(false, true).GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
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

    private static MlFeaturizer ReadMlFeaturizer(MemoryStream bytes, int dimension, int cueFeatures, ModelManifest manifest, string source)
    {
        MlFeaturizer featurizer;
        try
        {
            bytes.Position = 0;
            featurizer = MlFeaturizer.Load(bytes, cueFeatures);
        }
        catch (Exception e) when (e is not ModelFormatException and not OutOfMemoryException)
        {
            throw new ModelFormatException(source, "the ML.NET featurizer could not be loaded: " + e.Message, manifest.FormatVersion, e);
        }

        if (featurizer.Dimension != dimension)
        {
            throw new ModelFormatException(source, $"the featurizer makes {featurizer.Dimension} features, the manifest says {dimension}", manifest.FormatVersion);
        }

        return featurizer;
    }
}
