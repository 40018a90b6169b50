using TextInsight.Features;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation.PosTagging;
using TextInsight.Normalization;

namespace TextInsight.Grouping;

/// <summary>Prepares <see cref="IssueDocument"/>s. Thread-safe: every call works on its own state.</summary>
internal sealed class IssueDocumentBuilder
{
    /// <summary>Characters of title and text read per message; the rest rarely names a different issue.</summary>
    public const int MaxChars = 3000;

    /// <summary>Weighted character n-grams kept per message: bounds memory per message at no measured loss.</summary>
    public const int CharGramsKept = 256;

    public const int KeywordCount = 10;

    public const int BlockKeyCount = 8;

    private const int ShingleLength = 8;
    private const int ShingleSpan = 400;
    private const ulong CharSeed = 0x9E3779B97F4A7C15UL;
    private const ulong WordSeed = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Anchors are place/organisation names by tag, or words ending like one (the end alone is not a name).</summary>
    private static readonly HashSet<string> AnchorTags = new(StringComparer.Ordinal) { "ns", "nt", "nz", "nrt" };

    private static readonly string[] AnchorSuffixes =
    [
        "小区", "花园", "苑", "府", "城", "村", "镇", "乡", "学校", "小学", "中学", "大学", "学院", "幼儿园", "医院", "公司", "集团",
        "路", "街", "广场", "大道", "项目", "工地", "中心", "局", "厂", "园", "湾", "庭", "居", "社区", "街道", "线", "站",
    ];

    /// <summary>Words naming a kind of place or body: alone they name nothing, so the words before them join them ("幸福里" + "小区").</summary>
    private static readonly HashSet<string> PlaceKinds = new(StringComparer.Ordinal)
    {
        "小区", "花园", "家园", "新城", "公寓", "大厦", "广场", "公园", "市场", "商场", "超市", "公司", "集团", "工厂", "学校", "小学", "中学",
        "大学", "学院", "幼儿园", "医院", "卫生院", "村", "镇", "乡", "社区", "街道", "工地", "项目", "楼盘", "路", "街", "大道", "工程",
        "酒店", "饭店", "餐馆", "驾校", "银行", "车站", "地铁站", "村委会", "居委会", "物业公司", "开发商",
    };

    /// <summary>Tags of words that can be part of a name before a place kind: nouns, names, place words, abbreviations, unknown runs.</summary>
    private static readonly HashSet<string> NameTags = new(StringComparer.Ordinal) { "n", "nr", "nr1", "nr2", "nrt", "nrfg", "ns", "nt", "nz", "nl", "ng", "j", "x", "eng", "m", "a", "an", "b", "s", "f" };

    /// <summary>Compound names ("幸福里小区") go before single-word names in labels.</summary>
    private const float CompoundPreference = 100f;

    private readonly PosTagger _tagger;
    private readonly DocumentFrequencies? _frequencies;
    private readonly StopWords _stopWords;
    private readonly float _anchorMinIdf;
    private readonly SemanticSpace? _semantic;

    public IssueDocumentBuilder(PosTagger tagger, DocumentFrequencies? frequencies, float anchorMinIdf, SemanticSpace? semantic = null)
    {
        _tagger = tagger;
        _frequencies = frequencies;
        _semantic = semantic;
        _stopWords = StopWords.Chinese;
        _anchorMinIdf = anchorMinIdf;
    }

    /// <summary>The text compared: normalised title and body, capped at <see cref="MaxChars"/>.</summary>
    public static (string Full, string Title) Prepare(string? title, string? text)
    {
        string t = TextNormalizer.Normalize(title);
        string body = TextNormalizer.Normalize(text);
        string full = t.Length == 0 ? body : body.Length == 0 ? t : t + "。" + body;
        return (Cut(full, MaxChars), Cut(t, MaxChars));
    }

    /// <summary>
    /// What a corpus message contributes to a model: the distinct keys it adds to the document frequencies (character
    /// n-grams and words), and its words for learning the semantic space.
    /// </summary>
    public (HashSet<ulong> Keys, string Words) CorpusEntry(string? title, string? text)
    {
        (string full, _) = Prepare(title, text);
        var keys = new HashSet<ulong>();
        foreach (ulong k in CharGrams(full))
        {
            keys.Add(k);
        }

        IReadOnlyList<TaggedWord> tagged = _tagger.Tag(full);
        foreach (string w in Terms(tagged).Select(t => t.Word))
        {
            keys.Add(Hashing.Hash(w, WordSeed));
        }

        return (keys, SemanticWords(tagged));
    }

    public IssueDocument Build(string? title, string? text)
    {
        DocumentFrequencies df = _frequencies ?? throw new InvalidOperationException("Document frequencies are needed to build documents.");
        (string full, string titleText) = Prepare(title, text);

        var words = new Dictionary<ulong, float>();
        var anchors = new Dictionary<ulong, float>();
        var termCounts = new Dictionary<string, (int Count, ulong Key, float Idf)>(StringComparer.Ordinal);
        var anchorOrder = new List<(string Word, float Idf)>();
        var labelNames = new HashSet<string>(StringComparer.Ordinal);
        int total = 0;
        IReadOnlyList<TaggedWord> tagged = _tagger.Tag(full);
        foreach ((string word, bool compound, TaggedWord w) in Terms(tagged))
        {
            ulong key = Hashing.Hash(word, WordSeed);
            float idf = df.Idf(key);
            if (compound)
            {
                // Compound names label issues; as features they did not pay (cross-validated: they also join a place's other problems).
                if (idf >= _anchorMinIdf && labelNames.Add(word))
                {
                    anchorOrder.Add((word, idf + CompoundPreference));
                }

                continue;
            }

            if (idf >= _anchorMinIdf && IsAnchor(w) && anchors.TryAdd(key, idf))
            {
                anchorOrder.Add((word, idf));
            }

            words[key] = idf;
            if (!_stopWords.Contains(word))
            {
                termCounts[word] = (termCounts.GetValueOrDefault(word).Count + 1, key, idf);
                total++;
            }
        }

        // Keywords: TF-IDF over the message's own words with the corpus idf; ties by first occurrence (dictionary order).
        var ranked = termCounts
            .Select((p, order) => (Word: p.Key, p.Value.Key, p.Value.Idf, Weight: p.Value.Count * p.Value.Idf / Math.Max(1, total), Order: order))
            .OrderByDescending(p => p.Weight).ThenBy(p => p.Order)
            .Take(KeywordCount)
            .ToList();
        Dictionary<ulong, float> keywords = ranked.ToDictionary(p => p.Key, p => p.Idf);

        var blockKeys = anchors.Concat(ranked.Take(BlockKeyCount).Select(p => new KeyValuePair<ulong, float>(p.Key, p.Idf)))
            .DistinctBy(p => p.Key)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Select(p => p.Key)
            .ToArray();

        string opening = Opening(full);
        (ulong[] cities, ulong[] districts) = AdminAreas.Find(opening, tagged);
        return new IssueDocument
        {
            Chars = Vector(CharGrams(full), df),
            Title = Vector(CharGrams(titleText), df),
            Words = WeightedSet.From(words),
            Anchors = WeightedSet.From(anchors),
            Keywords = WeightedSet.From(keywords),
            Shingles = Shingles(full),
            BlockKeys = blockKeys,
            LabelAnchors = [.. anchorOrder.OrderByDescending(a => a.Idf).Select(a => a.Word).Take(5)],
            LabelKeywords = [.. ranked.Where(p => !anchors.ContainsKey(p.Key)).Select(p => p.Word).Take(5)],
            Opening = opening,
            OpeningIndex = SharedPassages.Index(opening),
            Cities = cities,
            Districts = districts,
            Semantic = Semantic(tagged),
        };
    }

    /// <summary>The words the semantic space reads, space-separated: the segmenter's words, not the compound names.</summary>
    private static string SemanticWords(IReadOnlyList<TaggedWord> tagged) =>
        string.Join(' ', Terms(tagged).Where(t => !t.Compound).Select(t => t.Word));

    private Half[] Semantic(IReadOnlyList<TaggedWord> tagged)
    {
        if (_semantic is null)
        {
            return [];
        }

        Span<float> coordinates = stackalloc float[_semantic.Dimensions];
        _semantic.Project(SemanticWords(tagged), coordinates);
        // Half precision: half the memory per held message, and the cosine moves by about 1e-3 at most.
        var result = new Half[coordinates.Length];
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(coordinates, result);
        return result;
    }

    /// <summary>The key a character n-gram (2 to 4 characters) is counted under in the document frequencies.</summary>
    public static ulong CharGramKey(ReadOnlySpan<char> gram) => Hashing.Hash(gram, CharSeed + (ulong)gram.Length);

    /// <summary>The part of the prepared text whose shared passages are compared (see <see cref="SharedPassages"/>).</summary>
    internal static string Opening(string full) => Cut(full, SharedPassages.OpeningLength);

    /// <summary>The text's first <paramref name="max"/> characters, or one fewer so as never to cut a surrogate pair in half.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }

    /// <summary>
    /// The words of two or more characters, each followed, when it is a place kind ("小区") preceded by name-like
    /// words, by the compound name ("幸福里小区": up to two words before it, at most 8 characters).
    /// </summary>
    private static IEnumerable<(string Word, bool Compound, TaggedWord Tagged)> Terms(IReadOnlyList<TaggedWord> tagged)
    {
        for (int i = 0; i < tagged.Count; i++)
        {
            TaggedWord w = tagged[i];
            if (IsWord(w.Word))
            {
                yield return (w.Word, false, w);
            }

            if (!PlaceKinds.Contains(w.Word))
            {
                continue;
            }

            int start = i;
            while (start > 0 && i - start < 2 && NameTags.Contains(tagged[start - 1].Tag) && !PlaceKinds.Contains(tagged[start - 1].Word)
                && tagged[start - 1].Word.Any(char.IsLetterOrDigit) && w.End - tagged[start - 1].Start <= 8)
            {
                start--;
            }

            if (start < i)
            {
                string name = string.Concat(Enumerable.Range(start, i - start + 1).Select(k => tagged[k].Word));
                yield return (name, true, w);
            }
        }
    }

    private static bool IsWord(string word) => word.Length >= 2 && !string.IsNullOrWhiteSpace(word) && word.Any(char.IsLetter);

    private static bool IsAnchor(TaggedWord w)
    {
        if (AnchorTags.Contains(w.Tag))
        {
            return true;
        }

        foreach (string suffix in AnchorSuffixes)
        {
            if (w.Word.Length > suffix.Length && w.Word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Character 2-, 3- and 4-grams without whitespace, hashed.</summary>
    private static IEnumerable<ulong> CharGrams(string text)
    {
        for (int n = 2; n <= 4; n++)
        {
            for (int i = 0; i + n <= text.Length; i++)
            {
                ReadOnlySpan<char> gram = text.AsSpan(i, n);
                if (!gram.ContainsAny(' ', '\n', '\t'))
                {
                    yield return CharGramKey(gram);
                }
            }
        }
    }

    private static SparseVector Vector(IEnumerable<ulong> grams, DocumentFrequencies df)
    {
        var tf = new Dictionary<ulong, int>();
        foreach (ulong g in grams)
        {
            tf[g] = tf.GetValueOrDefault(g) + 1;
        }

        // Vector keys are the hash's high half, independent of the low bits that index the frequency table.
        var weights = new Dictionary<uint, float>(tf.Count);
        foreach ((ulong g, int count) in tf)
        {
            uint key = (uint)(g >> 32);
            weights[key] = weights.GetValueOrDefault(key) + (float)((1 + Math.Log(count)) * df.Idf(g));
        }

        return SparseVector.From(weights, CharGramsKept);
    }

    private static uint[] Shingles(string full)
    {
        int span = Math.Min(full.Length, ShingleSpan);
        if (span < ShingleLength)
        {
            return [];
        }

        var set = new HashSet<uint>();
        for (int i = 0; i + ShingleLength <= span; i++)
        {
            set.Add((uint)Hashing.Hash(full.AsSpan(i, ShingleLength)));
        }

        uint[] result = [.. set];
        Array.Sort(result);
        return result;
    }
}
