namespace TextInsight.Urgency;

/// <summary>A cue phrase found in a message, with the TAXONOMY.md urgency category it signals.</summary>
/// <param name="Phrase">The phrase as found.</param>
/// <param name="Category">The category name, e.g. <c>life-danger</c>.</param>
/// <param name="Start">Offset in the normalised text.</param>
internal readonly record struct CueMatch(string Phrase, string Category, int Start);

/// <summary>
/// The explicit urgency cue lists of ../shared/TAXONOMY.md, one list per situation it names. Counts of
/// matches per category are features of the urgency model (so it learns how much each one weighs), and
/// the matches are reported as evidence. Lists are phrases, matched ordinally on normalised text; a phrase of
/// a high situation does not count after a negation ("幸无人员伤亡").
/// </summary>
internal static class UrgencyCueLexicon
{
    /// <summary>Categories in feature order. The first six are TAXONOMY.md's "high" situations.</summary>
    internal static readonly string[] Categories =
    [
        "life-danger",          // risk to life or physical safety now or imminently
        "collective-action",    // collective action underway or threatened
        "forced-demolition",    // forced demolition or eviction under way or set within days
        "no-necessities",       // vulnerable people without basic necessities now
        "wages-before-holiday", // many workers owed wages facing the Spring Festival (wage AND holiday term)
        "public-health",        // public-health emergencies
        "ongoing-harm",         // medium: concrete ongoing loss or harm
        "repeated-reports",     // medium: reported repeatedly without result
        "deadline",             // medium: deadline-bound matters
        "inquiry",              // low: questions, consultations, suggestions, praise
    ];

    internal static int Count => Categories.Length;

    // The first categories of Categories are TAXONOMY.md's high situations.
    private const int HighCategoryCount = 6;

    private static readonly (int Category, string[] Phrases)[] Lists =
    [
        (0, ["自杀", "轻生", "跳楼", "跳河", "寻死", "不想活", "活不下去", "喝农药", "服毒", "割腕", "死法", "生命危险", "危及生命",
             "人身安全", "命悬一线", "出人命", "伤亡", "身亡", "死亡", "打伤", "殴打", "打人", "砍伤", "持刀", "刀具", "持械", "行凶",
             "斗殴", "暴力", "威胁", "恐吓", "火灾", "着火", "起火", "失火", "爆炸", "易燃易爆", "泄漏", "煤气味", "漏气", "坍塌",
             "倒塌", "垮塌", "塌方", "塌陷", "危房", "摇摇欲坠", "洪水", "内涝", "被淹", "滑坡", "泥石流", "触电", "漏电", "坠落",
             "下坠", "掉层", "坠楼", "困人", "卡人", "关人", "中毒", "昏迷", "病危", "危重", "抢救", "救命", "骨折", "受伤", "安全事故"]),
        (1, ["集体上访", "上访", "群体性事件", "群体事件", "聚集", "聚众", "堵路", "堵门", "围堵", "拉横幅", "横幅", "静坐", "游行",
             "请愿", "集体维权", "冲突", "群情激愤", "激化", "极端行为", "跪求", "闹事"]),
        (2, ["强拆", "强行拆除", "强制拆除", "强制拆迁", "强行拆迁", "暴力拆迁", "夷为平地", "推土机", "挖机", "强行推", "强占",
             "强行征收", "强行进场", "强行施工", "毁林"]),
        (3, ["停水", "断水", "没水", "无水可用", "停电", "断电", "没有电", "停暖", "没有暖气", "无暖气", "天寒地冻", "无家可归", "露宿",
             "没地方住", "吃不上饭", "一日三餐", "停药", "拒绝救治", "拒收", "无人照顾", "孤寡老人", "高温", "饮水"]),
        (5, ["疫情", "传染", "食物中毒", "流鼻血", "疫苗", "有毒", "致癌"]),
        (6, ["拖欠", "欠薪", "噪音", "扰民", "臭味", "异味", "污染", "漏水", "渗水", "安全隐患", "隐患", "损失", "受损", "无法正常"]),
        (7, ["多次反映", "反映多次", "多次投诉", "多次向", "无果", "至今未", "至今没有", "没有解决", "一直没有", "仍未", "无人管",
             "没人管", "推诿", "石沉大海", "不予理睬"]),
        (8, ["报名", "考试", "截止", "到期", "开学", "入学", "期限", "逾期"]),
        (9, ["咨询", "请问", "建议", "如何", "怎么办理", "是否可以", "能否", "感谢", "表扬", "希望", "政策"]),
    ];

    private static readonly string[] WageTerms = ["工资", "欠薪", "农民工", "血汗钱", "工钱", "劳务费"];
    private static readonly string[] HolidayTerms = ["过年", "春节", "年关", "年底", "腊月", "岁末", "年终", "春运"];

    // A high situation stated as absent or over ("幸无人员伤亡", "没有人受伤", "未发生火灾", "已脱离生命危险") is not
    // a cue. Words such as 人员/造成 may stand between the negation and the phrase. "不" and "非" are left out:
    // "不同程度受伤", "不治身亡", "非法强拆" and the rhetorical "不是危房是什么" state the danger.
    private static readonly string[] Negations = ["没有", "没", "无", "未", "暂无", "并无", "尚无", "并未", "尚未", "从未", "不存在", "排除", "脱离"];
    private static readonly string[] NegationFillers = ["人员", "人", "任何", "造成", "发生", "出现", "导致", "引起", "引发"];

    // These name a protection or necessity, not a harm: without it is the danger ("毫无人身安全保障", "没有饮水").
    private static readonly string[] LackIsDanger = ["人身安全", "饮水", "一日三餐"];

    /// <summary>
    /// All cue matches in <paramref name="text"/>, in category then phrase order: per phrase its first
    /// occurrence that is a cue (for a high situation: not negated, see <see cref="IsNegated"/>, unless the
    /// phrase names something whose lack is the danger).
    /// </summary>
    internal static List<CueMatch> Find(string text)
    {
        var matches = new List<CueMatch>();
        foreach ((int category, string[] phrases) in Lists)
        {
            foreach (string phrase in phrases)
            {
                int at = FirstCue(text, phrase, category < HighCategoryCount);
                if (at >= 0)
                {
                    matches.Add(new CueMatch(phrase, Categories[category], at));
                }
            }
        }

        int wage = FirstOf(text, WageTerms, out string? wageTerm);
        int holiday = FirstOf(text, HolidayTerms, out string? holidayTerm);
        if (wage >= 0 && holiday >= 0)
        {
            matches.Add(new CueMatch(holidayTerm!, Categories[4], holiday));
            matches.Add(new CueMatch(wageTerm!, Categories[4], wage));
        }

        return matches;
    }

    private static int FirstCue(string text, string phrase, bool high)
    {
        for (int at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
        {
            // The exception list is consulted only for the rare negated occurrence, not for every phrase of every message.
            if (!(high && IsNegated(text, at) && Array.IndexOf(LackIsDanger, phrase) < 0))
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
        bool pairMasked = matches.Exists(m => m.Category == Categories[4] && masked.Contains(m.Phrase));
        return matches.FindAll(m => !masked.Contains(m.Phrase) && !(pairMasked && m.Category == Categories[4]));
    }

    /// <summary>Per-category match counts, scaled as log(1 + n), in <see cref="Categories"/> order.</summary>
    internal static float[] Features(List<CueMatch> matches)
    {
        var counts = new float[Count];
        foreach (CueMatch m in matches)
        {
            counts[Array.IndexOf(Categories, m.Category)]++;
        }

        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = MathF.Log(1 + counts[i]);
        }

        return counts;
    }

    /// <summary>Whether a category is one of TAXONOMY.md's "high" situations.</summary>
    internal static bool IsHighCategory(string category) => Array.IndexOf(Categories, category) is >= 0 and < HighCategoryCount;

    private static int FirstOf(string text, string[] terms, out string? found)
    {
        foreach (string t in terms)
        {
            int at = text.IndexOf(t, StringComparison.Ordinal);
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
