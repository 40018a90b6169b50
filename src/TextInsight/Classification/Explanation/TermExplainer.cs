using Microsoft.ML.Data;
using TextInsight.Classification.Scoring;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation;

namespace TextInsight.Classification.Explanation;

/// <summary>
/// Names the model terms behind a decision: the n-gram features whose weight times value pushed a class up the most,
/// shown only when a clerk would accept them as evidence (content words, never a function word or a fragment).
/// </summary>
/// <remarks>Thread-safe: names are computed once per weighed feature and cached.</remarks>
internal sealed class TermExplainer
{
    private readonly WeightTable _weights;
    private readonly int _named; // features with names: the n-grams, not the semantic coordinates that follow them
    private readonly Lazy<string?[]> _slotNames; // null entry: a feature with no name (or none that any head weighs)
    private readonly Lazy<string?[]> _displayNames; // per weighed feature (by table row), its term as a cue shows it; filled on first use
    private readonly JiebaSegmenter _dictionary;

    /// <param name="weights">The heads' weights.</param>
    /// <param name="namedFeatures">How many leading features are n-grams with names.</param>
    /// <param name="slotNames">The feature names, read when first needed.</param>
    /// <param name="dictionary">The segmenter whose dictionary says whether a character n-gram is a word.</param>
    internal TermExplainer(WeightTable weights, int namedFeatures, Lazy<string?[]> slotNames, JiebaSegmenter dictionary)
    {
        _weights = weights;
        _named = namedFeatures;
        _slotNames = slotNames;
        _dictionary = dictionary;
        _displayNames = new Lazy<string?[]>(() => new string?[weights.Rows]);
    }

    /// <summary>
    /// The feature names, read when first needed: those a package stored, else the native featurizer's, else (an ML.NET
    /// schema walk, ~0.3 s) the ML.NET featurizer's.
    /// </summary>
    internal static Lazy<string?[]> Names(string?[]? stored, Features.NgramFeaturizer? native, Lazy<MlFeaturizer> ml) =>
        stored is not null ? new(stored)
        : native is not null ? new(() => [.. Enumerable.Range(0, native.Dimension).Select(native.SlotName)])
        : new(() => ml.Value.SlotNames());

    /// <summary>Every feature's name, null for those without one (what a package stores for the weighed ones).</summary>
    internal string?[] SlotNames => _slotNames.Value;

    /// <summary>The n-grams that pushed class <paramref name="cls"/> of head <paramref name="head"/> of task <paramref name="task"/> up the most.</summary>
    internal IEnumerable<(string Term, double Weight)> TopTerms(in VBuffer<float> features, int task, int head, int cls, int count)
    {
        // The best few contributions usually hold enough distinct named terms; if not, all of them. Only n-grams
        // have names: the semantic coordinates that follow them (often the largest contributions) are left out first.
        foreach (int top in (int[])[4 * count, int.MaxValue])
        {
            List<(int Feature, double Contribution)> ranked = _weights.Contributions(features, task, head, cls, top, _named);
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
        int row = _weights.RowIndex(feature);
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

    private bool IsEvidenceWord(string term) => IsContentWord(term) && _dictionary.GetFrequency(term) is > 0;

    private static bool IsContentWord(string word) => word.Length >= 2 && !StopWords.Chinese.Contains(word);
}
