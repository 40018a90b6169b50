namespace TextInsight.Urgency;

/// <summary>A cue phrase found in a message, with the TAXONOMY.md urgency category it signals.</summary>
/// <param name="Phrase">The phrase as found.</param>
/// <param name="Category">The category name, e.g. <c>fire-gas</c>.</param>
/// <param name="Start">Offset in the normalised text.</param>
/// <param name="UnderWay">For a high situation: its clause says the harm is happening now or about to (正在, 现在, 马上 …).</param>
internal readonly record struct CueMatch(string Phrase, string Category, int Start, bool UnderWay = false);

/// <summary>
/// Urgency cue lists written from ../shared/TAXONOMY.md v1.1 alone: one list per situation its "high",
/// "medium" and "low" sections and its "Rulings on hard cases" name (models/MODEL_CARD.md traces each list to
/// its sentence). Counts per category are features of the urgency model and the matches are its evidence.
/// </summary>
/// <remarks>
/// A phrase counts only on the segmenter's word boundaries (关人 is not found inside 相关|人员). Each occurrence
/// of a high-situation phrase is read in its clause, as the rulings ask:
/// <list type="bullet">
/// <item>stated as absent (幸无人员伤亡, 未发生火灾): not a cue;</item>
/// <item>a hazard that could happen someday (随时可能倒塌, 存在火灾隐患, 以免发生事故): <c>potential-hazard</c>, a medium situation;</item>
/// <item>told as past history (去年被打伤, 当年强拆): <c>past-harm</c>, a medium situation;</item>
/// <item>a petition, banner or resistance phrase that needs a group (上访, 维权, 讨说法) counts as
/// <c>collective-action</c> only when a group word (全体业主, 村民们, 上百名) stands in the same clause: a lone
/// writer's "I will keep complaining upward" does not.</item>
/// </list>
/// A threat (自杀, 集体上访) is about the future by nature and is never demoted as hypothetical.
/// <para>An instance is immutable and thread-safe. <see cref="BuiltIn"/> holds this library's lists; a trained model stores
/// the lists it was trained with (<see cref="ToText"/>, <see cref="Parse"/>), so it is scored with them under a later
/// library whose built-in lists differ.</para>
/// </remarks>
internal sealed partial class UrgencyCueLexicon
{
    /// <summary>
    /// The version of the reading rules coded here (negation, clause readings, group and holiday pairing). A stored
    /// lexicon names the version it was trained under; a different one cannot be reproduced and is refused.
    /// Bump it whenever <see cref="Find"/> reads the same lists differently.
    /// </summary>
    internal const int RulesVersion = 1;

    private const string FormatLine = "textinsight-urgency-cues 1";

    // Categories the rules give a role by name: every lexicon must have them.
    private const string WagesBeforeHolidayName = "wages-before-holiday";
    private const string PotentialHazardName = "potential-hazard";
    private const string PastHarmName = "past-harm";

    private readonly string[] _categories;
    private readonly int _highCount;
    private readonly PhraseList[] _lists;
    private readonly int[] _listCategory; // per list, its category index
    private readonly string[] _wageTerms, _holidayTerms, _negations, _negationFillers, _hypotheticalMarkers, _underWayMarkers, _pastMarkers, _groupWords;
    private readonly char[] _sentenceEnds, _clauseEnds;
    private readonly int _wagesBeforeHoliday, _potentialHazard, _pastHarm;
    private readonly Lazy<string> _text;
    private readonly Lazy<string> _fingerprint;

    /// <summary>One list of phrases signalling a category, and how an occurrence of a high-situation phrase is read in its clause.</summary>
    internal sealed record PhraseList(string Category, CueReading Reading, string[] Phrases);

    private UrgencyCueLexicon(string[] categories, int highCount, PhraseList[] lists, string[] wageTerms, string[] holidayTerms, string[] negations,
        string[] negationFillers, string[] hypotheticalMarkers, string[] underWayMarkers, string[] pastMarkers, string[] groupWords, char[] sentenceEnds,
        char[] clauseEnds)
    {
        _categories = categories;
        _highCount = highCount;
        _lists = lists;
        _wageTerms = wageTerms;
        _holidayTerms = holidayTerms;
        _negations = negations;
        _negationFillers = negationFillers;
        _hypotheticalMarkers = hypotheticalMarkers;
        _underWayMarkers = underWayMarkers;
        _pastMarkers = pastMarkers;
        _groupWords = groupWords;
        _sentenceEnds = sentenceEnds;
        _clauseEnds = clauseEnds;

        if (categories.Length == 0 || categories.Distinct(StringComparer.Ordinal).Count() != categories.Length || highCount < 1 || highCount > categories.Length)
        {
            throw new FormatException("categories must be distinct and non-empty, and the high ones among them");
        }

        _listCategory = [.. lists.Select(l => Array.IndexOf(categories, l.Category))];
        int unknown = Array.IndexOf(_listCategory, -1);
        if (unknown >= 0)
        {
            throw new FormatException($"a phrase list names category '{lists[unknown].Category}', which is not among the categories");
        }

        _wagesBeforeHoliday = RoleIndex(WagesBeforeHolidayName, high: true);
        _potentialHazard = RoleIndex(PotentialHazardName, high: false);
        _pastHarm = RoleIndex(PastHarmName, high: false);
        foreach (string[] words in (string[][])[wageTerms, holidayTerms, negations, negationFillers, hypotheticalMarkers, underWayMarkers, pastMarkers, groupWords,
            .. lists.Select(l => l.Phrases)])
        {
            if (words.Any(w => w.Length == 0 || w.AsSpan().IndexOfAny(Reserved) >= 0))
            {
                throw new FormatException("a phrase or marker is empty or holds one of | = or a line break");
            }
        }

        _text = new Lazy<string>(Describe);
        _fingerprint = new Lazy<string>(() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_text.Value)).AsSpan(0, 8)));
    }

    private static readonly char[] Reserved = ['|', '=', '\n', '\r'];

    private int RoleIndex(string name, bool high)
    {
        int i = Array.IndexOf(_categories, name);
        if (i < 0 || (i < _highCount) != high)
        {
            throw new FormatException($"the rules need a {(high ? "high" : "non-high")} category '{name}'");
        }

        return i;
    }

    /// <summary>Categories in feature order: first TAXONOMY.md's high situations, then medium, then low.</summary>
    internal IReadOnlyList<string> Categories => _categories;

    internal int Count => _categories.Length;

    /// <summary>Features per message: one per category, then the count of high-situation matches read as under way.</summary>
    internal int FeatureCount => _categories.Length + 1;

    /// <summary>
    /// The lists as text (the <c>cues.txt</c> entry of a model package): every list, marker and clause end, one
    /// <c>key=item|item…</c> line each, with the rules version. <see cref="Parse"/> reads it back.
    /// </summary>
    internal string ToText() => _text.Value;

    /// <summary>
    /// SHA-256 of <see cref="ToText"/>, first 8 bytes in hex: recorded in every model trained with these lists, it
    /// identifies them (and the rules version) in error messages and checks a stored copy is intact.
    /// </summary>
    internal string Fingerprint => _fingerprint.Value;

    private string Describe()
    {
        var text = new System.Text.StringBuilder();
        void Add(string key, IEnumerable<string> items) => text.Append(key).Append('=').AppendJoin('|', items).Append('\n');
        text.Append(FormatLine).Append('\n');
        Add("rules", [RulesVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Add("categories", _categories);
        Add("high", _categories.Take(_highCount));
        foreach (PhraseList list in _lists)
        {
            Add($"list {list.Category} {ReadingName(list.Reading)}", list.Phrases);
        }

        Add("wages", _wageTerms);
        Add("holidays", _holidayTerms);
        Add("negations", _negations);
        Add("fillers", _negationFillers);
        Add("hypothetical", _hypotheticalMarkers);
        Add("under-way", _underWayMarkers);
        Add("past", _pastMarkers);
        Add("group", _groupWords);
        Add("sentence-ends", _sentenceEnds.Select(EscapeEnd));
        Add("clause-ends", _clauseEnds.Select(EscapeEnd));
        return text.ToString();
    }

    private static string EscapeEnd(char c) => c == '\n' ? "\\n" : c.ToString();

    private static string ReadingName(CueReading reading) => reading == CueReading.Plain ? "plain"
        : string.Join(',', new[] { (CueReading.Hazard, "hazard"), (CueReading.Historical, "historical"), (CueReading.NeedsGroup, "needs-group") }
            .Where(r => reading.HasFlag(r.Item1)).Select(r => r.Item2));

    /// <summary>Reads lists written by <see cref="ToText"/>.</summary>
    /// <exception cref="FormatException">Malformed, incomplete, or written under other reading rules than <see cref="RulesVersion"/>.</exception>
    internal static UrgencyCueLexicon Parse(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || lines[0] != FormatLine)
        {
            throw new FormatException($"the first line must be '{FormatLine}'");
        }

        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lists = new List<PhraseList>();
        foreach (string line in lines.Skip(1))
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"'{Clip(line)}' is not a key=items line");
            }

            string key = line[..eq];
            string[] items = line.Length == eq + 1 ? [] : line[(eq + 1)..].Split('|');
            if (key.StartsWith("list ", StringComparison.Ordinal))
            {
                string[] parts = key.Split(' ');
                if (parts.Length != 3)
                {
                    throw new FormatException($"'{Clip(key)}' must be 'list <category> <reading>'");
                }

                lists.Add(new PhraseList(parts[1], ParseReading(parts[2]), items));
            }
            else if (!fields.TryAdd(key, items))
            {
                throw new FormatException($"'{key}' appears twice");
            }
        }

        string[] Field(string key) => fields.Remove(key, out string[]? v) ? v : throw new FormatException($"the line '{key}=' is missing");
        string rules = string.Join('|', Field("rules"));
        if (rules != RulesVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new FormatException($"the lists were written for reading rules version {rules}; this library implements version {RulesVersion}");
        }

        string[] categories = Field("categories");
        string[] high = Field("high");
        if (!high.SequenceEqual(categories.Take(high.Length)))
        {
            throw new FormatException("the high categories must be the first ones");
        }

        var lexicon = new UrgencyCueLexicon(categories, high.Length, [.. lists], Field("wages"), Field("holidays"), Field("negations"), Field("fillers"),
            Field("hypothetical"), Field("under-way"), Field("past"), Field("group"), Ends(Field("sentence-ends")), Ends(Field("clause-ends")));
        if (fields.Count > 0)
        {
            throw new FormatException($"unknown line '{fields.Keys.First()}='");
        }

        return lexicon;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static CueReading ParseReading(string name)
    {
        if (name == "plain")
        {
            return CueReading.Plain;
        }

        CueReading reading = CueReading.Plain;
        foreach (string part in name.Split(','))
        {
            reading |= part switch
            {
                "hazard" => CueReading.Hazard,
                "historical" => CueReading.Historical,
                "needs-group" => CueReading.NeedsGroup,
                _ => throw new FormatException($"'{part}' is not a reading (plain, hazard, historical, needs-group)"),
            };
        }

        return reading;
    }

    private static char[] Ends(string[] items) => [.. items.Select(i => i == "\\n" ? '\n' : i.Length == 1 ? i[0] : throw new FormatException($"'{i}' is not one character"))];

    /// <summary>
    /// These lists with <paramref name="change"/> applied to a copy of them: for tests and experiments with other lists.
    /// </summary>
    internal UrgencyCueLexicon With(Func<PhraseList[], PhraseList[]> change, string[]? categories = null, int? highCount = null) =>
        new(categories ?? _categories, highCount ?? _highCount, change([.. _lists]), _wageTerms, _holidayTerms, _negations, _negationFillers,
            _hypotheticalMarkers, _underWayMarkers, _pastMarkers, _groupWords, _sentenceEnds, _clauseEnds);

    /// <summary>
    /// All cue matches in <paramref name="text"/>, in list then phrase order: per phrase its first occurrence on
    /// word boundaries that counts (see the class remarks), with the category it counts in.
    /// </summary>
    /// <param name="text">The normalised text.</param>
    /// <param name="boundaries">Per offset 0..Length, whether a segmenter token starts or ends there.</param>
    internal List<CueMatch> Find(string text, ReadOnlySpan<bool> boundaries)
    {
        if (boundaries.Length != text.Length + 1)
        {
            throw new ArgumentException("boundaries must have one entry per offset of the text, end included", nameof(boundaries));
        }

        var matches = new List<CueMatch>();
        var demoted = new List<CueMatch>();
        for (int l = 0; l < _lists.Length; l++)
        {
            foreach (string phrase in _lists[l].Phrases)
            {
                FindPhrase(text, boundaries, phrase, _listCategory[l], _lists[l].Reading, matches, demoted);
            }
        }

        int wage = FirstOf(text, boundaries, _wageTerms, out string? wageTerm);
        int holiday = FirstOf(text, boundaries, _holidayTerms, out string? holidayTerm);
        if (wage >= 0 && holiday >= 0)
        {
            matches.Add(new CueMatch(holidayTerm!, _categories[_wagesBeforeHoliday], holiday));
            matches.Add(new CueMatch(wageTerm!, _categories[_wagesBeforeHoliday], wage));
        }

        matches.AddRange(demoted);
        return matches;
    }

    // The first occurrence that counts as the phrase's own (high) category, else the first demoted reading.
    private void FindPhrase(string text, ReadOnlySpan<bool> boundaries, string phrase, int category, CueReading reading,
        List<CueMatch> matches, List<CueMatch> demoted)
    {
        bool high = category < _highCount;
        CueMatch? firstDemoted = null;
        for (int at = IndexOfWord(text, boundaries, phrase, 0, text.Length); at >= 0; at = IndexOfWord(text, boundaries, phrase, at + 1, text.Length))
        {
            if (!high)
            {
                matches.Add(new CueMatch(phrase, _categories[category], at));
                return;
            }

            if (IsNegated(text, at))
            {
                continue;
            }

            if (reading.HasFlag(CueReading.NeedsGroup))
            {
                (int sentenceStart, int sentenceEnd) = Span(text, at, _sentenceEnds);
                if (!ContainsWord(text, boundaries, sentenceStart, sentenceEnd, _groupWords))
                {
                    continue;
                }
            }

            (int start, int end) = Span(text, at, _clauseEnds);
            if (reading.HasFlag(CueReading.Hazard) && ContainsWord(text, boundaries, start, end, _hypotheticalMarkers))
            {
                firstDemoted ??= new CueMatch(phrase, _categories[_potentialHazard], at);
                continue;
            }

            if (reading.HasFlag(CueReading.Historical) && ContainsWord(text, boundaries, start, at, _pastMarkers))
            {
                firstDemoted ??= new CueMatch(phrase, _categories[_pastHarm], at);
                continue;
            }

            matches.Add(new CueMatch(phrase, _categories[category], at, ContainsWord(text, boundaries, start, end, _underWayMarkers)));
            return;
        }

        if (firstDemoted is CueMatch d)
        {
            demoted.Add(d);
        }
    }

    // The sentence or clause around `at`: [start, end) between the nearest `ends` before and after it.
    private static (int Start, int End) Span(string text, int at, char[] ends)
    {
        int start = at == 0 ? -1 : text.LastIndexOfAny(ends, at - 1);
        int end = text.IndexOfAny(ends, at);
        return (start + 1, end < 0 ? text.Length : end);
    }

    // Whether one of `words` occurs within text[start, end) on word boundaries.
    private static bool ContainsWord(string text, ReadOnlySpan<bool> boundaries, int start, int end, string[] words)
    {
        foreach (string w in words)
        {
            if (IndexOfWord(text, boundaries, w, start, end) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // The first occurrence of `word` within text[from, end) that starts and ends on word boundaries; -1 if none.
    private static int IndexOfWord(string text, ReadOnlySpan<bool> boundaries, string word, int from, int end)
    {
        for (int at = from; at + word.Length <= end; at++)
        {
            at = text.IndexOf(word, at, end - at, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            if (boundaries[at] && boundaries[at + word.Length])
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>Whether a negation ends the text before <paramref name="at"/>, after at most three fillers.</summary>
    private bool IsNegated(string text, int at)
    {
        ReadOnlySpan<char> before = text.AsSpan(0, at);
        for (int i = 0; i < 3 && EndingIn(before, _negationFillers) is string filler; i++)
        {
            before = before[..^filler.Length];
        }

        return EndingIn(before, _negations) is not null;
    }

    private static string? EndingIn(ReadOnlySpan<char> text, string[] words)
    {
        foreach (string w in words)
        {
            if (text.EndsWith(w, StringComparison.Ordinal))
            {
                return w;
            }
        }

        return null;
    }

    /// <summary>
    /// <paramref name="matches"/> without those of <paramref name="masked"/> phrases. A wage-before-holiday
    /// pair is one cue: it goes when either of its two terms is masked.
    /// </summary>
    internal List<CueMatch> Without(List<CueMatch> matches, IReadOnlySet<string> masked)
    {
        string pair = _categories[_wagesBeforeHoliday];
        bool pairMasked = matches.Exists(m => m.Category == pair && masked.Contains(m.Phrase));
        return matches.FindAll(m => !masked.Contains(m.Phrase) && !(pairMasked && m.Category == pair));
    }

    /// <summary>Per-category match counts in <see cref="Categories"/> order, then the under-way count; each scaled as log(1 + n).</summary>
    internal float[] Features(List<CueMatch> matches)
    {
        var counts = new float[FeatureCount];
        foreach (CueMatch m in matches)
        {
            counts[Array.IndexOf(_categories, m.Category)]++;
            if (m.UnderWay)
            {
                counts[Count]++;
            }
        }

        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = MathF.Log(1 + counts[i]);
        }

        return counts;
    }

    /// <summary>Whether a category is one of TAXONOMY.md's "high" situations.</summary>
    internal bool IsHighCategory(string category) => Array.IndexOf(_categories, category) is >= 0 and var i && i < _highCount;

    private static int FirstOf(string text, ReadOnlySpan<bool> boundaries, string[] terms, out string? found)
    {
        foreach (string t in terms)
        {
            int at = IndexOfWord(text, boundaries, t, 0, text.Length);
            if (at >= 0)
            {
                found = t;
                return at;
            }
        }

        found = null;
        return -1;
    }
}

/// <summary>How an occurrence of a high-situation phrase is read in its clause.</summary>
[Flags]
internal enum CueReading
{
    /// <summary>Counts as found (unless negated).</summary>
    Plain = 0,

    /// <summary>A hypothetical clause ("could collapse") demotes it to potential-hazard.</summary>
    Hazard = 1,

    /// <summary>Past history demotes it to past-harm.</summary>
    Historical = 2,

    /// <summary>Counts only with a group word in its sentence.</summary>
    NeedsGroup = 4,
}
