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
/// </remarks>
internal static class UrgencyCueLexicon
{
    /// <summary>Categories in feature order: first TAXONOMY.md's high situations, then medium, then low.</summary>
    internal static readonly string[] Categories =
    [
        "self-harm",            // high: suicide or self-harm threats
        "violence",             // high: violence; officials or police beating or locking up people
        "fire-gas",             // high: fire, gas leak, gas smelled now
        "collapse",             // high: collapse; a building cracking and tilting with people inside, a house about to fall
        "flooding",             // high: flooding; sewage or flood water entering homes now
        "elevator",             // high: an elevator repeatedly dropping or trapping people
        "injury-untreated",     // high: someone injured and refused urgent treatment; a patient refused urgent treatment
        "collective-action",    // high: collective action underway or threatened; a large group announcing petition/banners/road blocks/resistance
        "forced-demolition",    // high: forced demolition or eviction under way or set within days
        "no-necessities",       // high: vulnerable people without basic necessities now
        "wages-before-holiday", // high: many workers owed wages facing the Spring Festival (a wage AND a holiday term)
        "public-health",        // high: public-health emergencies
        "potential-hazard",     // medium: a hazard that could cause harm someday with nothing happening now
        "past-harm",            // medium: a past accident, injury, demolition or beating pursued as a claim
        "ongoing-harm",         // medium: ongoing loss or harm without immediate danger (wages owed, supply cut, noise, pollution)
        "repeated-reports",     // medium: a problem reported repeatedly without result (多次反映无果)
        "deadline",             // medium: deadline-bound matters (enrolment, exams, benefit expiry)
        "inquiry",              // low: questions, consultations, suggestions, requests for information, praise
    ];

    internal static int Count => Categories.Length;

    /// <summary>Features per message: one per category, then the count of high-situation matches read as under way.</summary>
    internal static int FeatureCount => Categories.Length + 1;

    // The first categories of Categories are TAXONOMY.md's high situations.
    private const int HighCategoryCount = 12;
    private const int WagesBeforeHoliday = 10;
    private const int PotentialHazard = 12;
    private const int PastHarm = 13;

    // How an occurrence of a high phrase is read in its clause.
    [Flags]
    private enum Reading
    {
        Plain = 0,
        Hazard = 1,      // hypothetical ("could collapse") demotes it to potential-hazard
        Historical = 2,  // past history demotes it to past-harm
        NeedsGroup = 4,  // counts only with a group word in its clause
    }

    private static readonly (int Category, Reading Reading, string[] Phrases)[] Lists =
    [
        (0, Reading.Plain, ["自杀", "轻生", "跳楼", "跳河", "寻死", "寻短见", "不想活", "活不下去", "喝农药", "服毒", "割腕", "以死相逼", "一死了之", "同归于尽"]),
        (1, Reading.Historical, ["殴打", "打伤", "砍伤", "捅伤", "行凶", "持刀", "砍人", "打人", "围殴", "群殴", "毒打", "暴打", "拳打脚踢", "暴力执法",
            "非法拘禁", "关押", "限制人身自由", "抓走"]),
        (2, Reading.Hazard | Reading.Historical, ["火灾", "着火", "起火", "失火", "大火", "浓烟", "爆炸", "煤气味", "燃气味", "天然气味", "漏气",
            "燃气泄漏", "煤气泄漏", "天然气泄漏"]),
        (3, Reading.Hazard | Reading.Historical, ["倒塌", "坍塌", "垮塌", "塌方", "塌陷", "倾斜", "摇摇欲坠", "危房", "裂缝", "开裂"]),
        (4, Reading.Hazard | Reading.Historical, ["被淹", "淹没", "水淹", "内涝", "倒灌", "洪水", "进水", "污水横流", "漫进"]),
        (5, Reading.Hazard | Reading.Historical, ["困人", "关人", "被困", "下坠", "急坠", "坠落", "溜梯", "冲顶", "蹲底", "掉层"]),
        (6, Reading.Hazard | Reading.Historical, ["受伤", "重伤", "生命危险", "危及生命", "抢救", "急救", "昏迷", "病危", "拒绝救治", "不予救治",
            "见死不救", "拒收病人", "耽误治疗", "伤亡", "身亡", "死亡"]),
        (7, Reading.Historical, ["集体上访", "群体上访", "联名上访", "群体性事件", "群体事件", "聚集", "堵路", "堵门", "围堵", "拉横幅", "挂横幅",
            "打横幅", "静坐", "游行", "集体维权"]),
        (7, Reading.Historical | Reading.NeedsGroup, ["上访", "维权", "讨说法", "进京", "抗争", "誓死", "不惜一切代价", "不惜代价", "阻止施工", "阻工"]),
        (8, Reading.Historical, ["强拆", "强行拆除", "强制拆除", "强行拆迁", "强制拆迁", "暴力拆迁", "强行征收", "强行征地", "强行推平", "夷为平地",
            "挖掘机", "挖机", "推土机", "断水断电", "强制搬迁", "限期搬离"]),
        (9, Reading.Historical, ["停暖", "没有暖气", "无暖气", "暖气不热", "无人照顾", "无人照料", "无人看管", "无家可归", "露宿", "流落街头",
            "吃不上饭", "挨饿", "断粮", "生活无着", "停水", "断水", "停电", "断电", "停药"]),
        (11, Reading.Hazard | Reading.Historical, ["疫情", "传染病", "传染", "食物中毒", "集体中毒", "中毒", "感染", "病毒"]),
        (12, Reading.Plain, ["安全隐患", "隐患", "随时可能", "存在安全", "消防通道", "堵塞通道"]),
        (14, Reading.Plain, ["拖欠", "欠薪", "噪音", "扰民", "臭味", "异味", "污染", "漏水", "渗水", "损失", "受损", "无法正常", "影响生活", "停工"]),
        (15, Reading.Plain, ["多次反映", "反映多次", "多次投诉", "多次向", "无果", "至今未", "至今没有", "没有解决", "一直没有", "仍未", "无人管",
            "没人管", "推诿", "踢皮球", "石沉大海", "不予理睬"]),
        (16, Reading.Plain, ["报名", "考试", "截止", "到期", "开学", "入学", "期限", "逾期"]),
        (17, Reading.Plain, ["咨询", "请问", "建议", "如何", "怎么办理", "是否可以", "能否", "感谢", "表扬", "了解", "问一下"]),
    ];

    private static readonly string[] WageTerms = ["工资", "欠薪", "农民工", "血汗钱", "工钱", "劳务费", "工程款"];
    private static readonly string[] HolidayTerms = ["过年", "春节", "年关", "腊月", "岁末", "春运", "除夕"];

    // A high situation stated as absent or over. Words such as 人员/造成 may stand between the negation and the phrase.
    // "不" and "非" are left out: "不同程度受伤", "不治身亡", "非法强拆" and "不是危房是什么" state the danger.
    private static readonly string[] Negations = ["没有", "没", "无", "未", "暂无", "并无", "尚无", "并未", "尚未", "从未", "不存在", "排除", "脱离"];
    private static readonly string[] NegationFillers = ["人员", "人", "任何", "造成", "发生", "出现", "导致", "引起", "引发"];

    // A clause that speaks of a possibility or its prevention: the hazard is not (yet) happening.
    private static readonly string[] HypotheticalMarkers =
        ["可能", "随时", "一旦", "万一", "如果", "假如", "若", "恐", "担心", "以免", "以防", "防止", "避免", "预防", "隐患", "风险", "迟早", "早晚", "容易",
         "怎么办", "等到", "不堪设想", "谁负责", "谁来负责"];

    // A clause saying the harm is happening now or is about to: the rulings' test for high.
    private static readonly string[] UnderWayMarkers =
        ["正在", "现在", "目前", "此刻", "刚才", "刚刚", "马上", "立即", "立刻", "赶快", "赶紧", "快点", "即将", "眼看", "今天", "今晚", "今早", "当天",
         "还在", "仍在", "一直在", "已经", "快要", "就要", "明天", "后天", "救命", "求救"];

    // A clause told as history.
    private static readonly string[] PastMarkers = ["去年", "前年", "当年", "曾经", "曾", "多年前", "几年前", "那年", "早在", "当时", "以前", "上个月"];

    // Words naming a group acting together.
    private static readonly string[] GroupWords =
        ["全体", "集体", "全村", "全组", "村民们", "业主们", "居民们", "工人们", "农民工们", "家长们", "大家", "联名", "上百", "数百", "几百",
         "上千", "数千", "几十", "数十", "众多", "广大", "所有业主", "全小区", "群众"];

    /// <summary>
    /// All cue matches in <paramref name="text"/>, in category then phrase order: per phrase its first occurrence on
    /// word boundaries that counts (see the class remarks), with the category it counts in.
    /// </summary>
    /// <param name="text">The normalised text.</param>
    /// <param name="boundaries">Per offset 0..Length, whether a segmenter token starts or ends there.</param>
    internal static List<CueMatch> Find(string text, ReadOnlySpan<bool> boundaries)
    {
        if (boundaries.Length != text.Length + 1)
        {
            throw new ArgumentException("boundaries must have one entry per offset of the text, end included", nameof(boundaries));
        }

        var matches = new List<CueMatch>();
        var demoted = new List<CueMatch>();
        foreach ((int category, Reading reading, string[] phrases) in Lists)
        {
            foreach (string phrase in phrases)
            {
                FindPhrase(text, boundaries, phrase, category, reading, matches, demoted);
            }
        }

        int wage = FirstOf(text, boundaries, WageTerms, out string? wageTerm);
        int holiday = FirstOf(text, boundaries, HolidayTerms, out string? holidayTerm);
        if (wage >= 0 && holiday >= 0)
        {
            matches.Add(new CueMatch(holidayTerm!, Categories[WagesBeforeHoliday], holiday));
            matches.Add(new CueMatch(wageTerm!, Categories[WagesBeforeHoliday], wage));
        }

        matches.AddRange(demoted);
        return matches;
    }

    // The first occurrence that counts as the phrase's own (high) category, else the first demoted reading.
    private static void FindPhrase(string text, ReadOnlySpan<bool> boundaries, string phrase, int category, Reading reading,
        List<CueMatch> matches, List<CueMatch> demoted)
    {
        bool high = category < HighCategoryCount;
        CueMatch? firstDemoted = null;
        for (int at = IndexOfWord(text, boundaries, phrase, 0, text.Length); at >= 0; at = IndexOfWord(text, boundaries, phrase, at + 1, text.Length))
        {
            if (!high)
            {
                matches.Add(new CueMatch(phrase, Categories[category], at));
                return;
            }

            if (IsNegated(text, at))
            {
                continue;
            }

            if (reading.HasFlag(Reading.NeedsGroup))
            {
                (int sentenceStart, int sentenceEnd) = Span(text, at, SentenceEnds);
                if (!ContainsWord(text, boundaries, sentenceStart, sentenceEnd, GroupWords))
                {
                    continue;
                }
            }

            (int start, int end) = Span(text, at, ClauseEnds);
            if (reading.HasFlag(Reading.Hazard) && ContainsWord(text, boundaries, start, end, HypotheticalMarkers))
            {
                firstDemoted ??= new CueMatch(phrase, Categories[PotentialHazard], at);
                continue;
            }

            if (reading.HasFlag(Reading.Historical) && ContainsWord(text, boundaries, start, at, PastMarkers))
            {
                firstDemoted ??= new CueMatch(phrase, Categories[PastHarm], at);
                continue;
            }

            matches.Add(new CueMatch(phrase, Categories[category], at, ContainsWord(text, boundaries, start, end, UnderWayMarkers)));
            return;
        }

        if (firstDemoted is CueMatch d)
        {
            demoted.Add(d);
        }
    }

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?', '；', ';', '\n'];
    private static readonly char[] ClauseEnds = ['。', '！', '？', '!', '?', '；', ';', '\n', '，', ','];

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
    private static bool IsNegated(string text, int at)
    {
        ReadOnlySpan<char> before = text.AsSpan(0, at);
        for (int i = 0; i < 3 && EndingIn(before, NegationFillers) is string filler; i++)
        {
            before = before[..^filler.Length];
        }

        return EndingIn(before, Negations) is not null;
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
    internal static List<CueMatch> Without(List<CueMatch> matches, IReadOnlySet<string> masked)
    {
        string pair = Categories[WagesBeforeHoliday];
        bool pairMasked = matches.Exists(m => m.Category == pair && masked.Contains(m.Phrase));
        return matches.FindAll(m => !masked.Contains(m.Phrase) && !(pairMasked && m.Category == pair));
    }

    /// <summary>Per-category match counts in <see cref="Categories"/> order, then the under-way count; each scaled as log(1 + n).</summary>
    internal static float[] Features(List<CueMatch> matches)
    {
        var counts = new float[FeatureCount];
        foreach (CueMatch m in matches)
        {
            counts[Array.IndexOf(Categories, m.Category)]++;
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

    /// <summary>
    /// A fingerprint of everything here that shapes a message's cue features (categories, lists and their readings,
    /// negations, markers, group words, clause ends), recorded in every model trained with them: a model whose cue
    /// features this library would compute differently is refused at load time instead of scored wrongly.
    /// </summary>
    internal static string Fingerprint => s_fingerprint.Value;

    private static readonly Lazy<string> s_fingerprint = new(() =>
    {
        var text = new System.Text.StringBuilder();
        void Add(string name, IEnumerable<string> items) => text.Append(name).Append('=').AppendJoin('|', items).Append('\n');
        Add("features", [FeatureCount.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Add("categories", Categories);
        foreach ((int category, Reading reading, string[] phrases) in Lists)
        {
            Add($"list {category} {(int)reading}", phrases);
        }

        Add("wages", WageTerms);
        Add("holidays", HolidayTerms);
        Add("negations", Negations);
        Add("fillers", NegationFillers);
        Add("hypothetical", HypotheticalMarkers);
        Add("under-way", UnderWayMarkers);
        Add("past", PastMarkers);
        Add("group", GroupWords);
        Add("sentence", SentenceEnds.Select(c => c.ToString()));
        Add("clause", ClauseEnds.Select(c => c.ToString()));
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    });

    /// <summary>Whether a category is one of TAXONOMY.md's "high" situations.</summary>
    internal static bool IsHighCategory(string category) => Array.IndexOf(Categories, category) is >= 0 and < HighCategoryCount;

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
