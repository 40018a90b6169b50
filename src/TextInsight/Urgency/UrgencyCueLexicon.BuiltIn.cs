namespace TextInsight.Urgency;

// The built-in lists, written from ../shared/TAXONOMY.md v1.1 (the model card traces each to its sentence).
internal sealed partial class UrgencyCueLexicon
{
    // The first categories are TAXONOMY.md's high situations.
    private const int HighCategoryCountBuiltIn = 12;

    private static readonly string[] BuiltInCategories =
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

    private static readonly (int Category, CueReading Reading, string[] Phrases)[] BuiltInLists =
    [
        (0, CueReading.Plain, ["自杀", "轻生", "跳楼", "跳河", "寻死", "寻短见", "不想活", "活不下去", "喝农药", "服毒", "割腕", "以死相逼", "一死了之", "同归于尽"]),
        (1, CueReading.Historical, ["殴打", "打伤", "砍伤", "捅伤", "行凶", "持刀", "砍人", "打人", "围殴", "群殴", "毒打", "暴打", "拳打脚踢", "暴力执法",
            "非法拘禁", "关押", "限制人身自由", "抓走"]),
        (2, CueReading.Hazard | CueReading.Historical, ["火灾", "着火", "起火", "失火", "大火", "浓烟", "爆炸", "煤气味", "燃气味", "天然气味", "漏气",
            "燃气泄漏", "煤气泄漏", "天然气泄漏"]),
        (3, CueReading.Hazard | CueReading.Historical, ["倒塌", "坍塌", "垮塌", "塌方", "塌陷", "倾斜", "摇摇欲坠", "危房", "裂缝", "开裂"]),
        (4, CueReading.Hazard | CueReading.Historical, ["被淹", "淹没", "水淹", "内涝", "倒灌", "洪水", "进水", "污水横流", "漫进"]),
        (5, CueReading.Hazard | CueReading.Historical, ["困人", "关人", "被困", "下坠", "急坠", "坠落", "溜梯", "冲顶", "蹲底", "掉层"]),
        (6, CueReading.Hazard | CueReading.Historical, ["受伤", "重伤", "生命危险", "危及生命", "抢救", "急救", "昏迷", "病危", "拒绝救治", "不予救治",
            "见死不救", "拒收病人", "耽误治疗", "伤亡", "身亡", "死亡"]),
        (7, CueReading.Historical, ["集体上访", "群体上访", "联名上访", "群体性事件", "群体事件", "聚集", "堵路", "堵门", "围堵", "拉横幅", "挂横幅",
            "打横幅", "静坐", "游行", "集体维权"]),
        (7, CueReading.Historical | CueReading.NeedsGroup, ["上访", "维权", "讨说法", "进京", "抗争", "誓死", "不惜一切代价", "不惜代价", "阻止施工", "阻工"]),
        (8, CueReading.Historical, ["强拆", "强行拆除", "强制拆除", "强行拆迁", "强制拆迁", "暴力拆迁", "强行征收", "强行征地", "强行推平", "夷为平地",
            "挖掘机", "挖机", "推土机", "断水断电", "强制搬迁", "限期搬离"]),
        (9, CueReading.Historical, ["停暖", "没有暖气", "无暖气", "暖气不热", "无人照顾", "无人照料", "无人看管", "无家可归", "露宿", "流落街头",
            "吃不上饭", "挨饿", "断粮", "生活无着", "停水", "断水", "停电", "断电", "停药"]),
        (11, CueReading.Hazard | CueReading.Historical, ["疫情", "传染病", "传染", "食物中毒", "集体中毒", "中毒", "感染", "病毒"]),
        (12, CueReading.Plain, ["安全隐患", "隐患", "随时可能", "存在安全", "消防通道", "堵塞通道"]),
        (14, CueReading.Plain, ["拖欠", "欠薪", "噪音", "扰民", "臭味", "异味", "污染", "漏水", "渗水", "损失", "受损", "无法正常", "影响生活", "停工"]),
        (15, CueReading.Plain, ["多次反映", "反映多次", "多次投诉", "多次向", "无果", "至今未", "至今没有", "没有解决", "一直没有", "仍未", "无人管",
            "没人管", "推诿", "踢皮球", "石沉大海", "不予理睬"]),
        (16, CueReading.Plain, ["报名", "考试", "截止", "到期", "开学", "入学", "期限", "逾期"]),
        (17, CueReading.Plain, ["咨询", "请问", "建议", "如何", "怎么办理", "是否可以", "能否", "感谢", "表扬", "了解", "问一下"]),
    ];

    private static readonly string[] BuiltInWageTerms = ["工资", "欠薪", "农民工", "血汗钱", "工钱", "劳务费", "工程款"];
    private static readonly string[] BuiltInHolidayTerms = ["过年", "春节", "年关", "腊月", "岁末", "春运", "除夕"];

    // A high situation stated as absent or over. Words such as 人员/造成 may stand between the negation and the phrase.
    // "不" and "非" are left out: "不同程度受伤", "不治身亡", "非法强拆" and "不是危房是什么" state the danger.
    private static readonly string[] BuiltInNegations = ["没有", "没", "无", "未", "暂无", "并无", "尚无", "并未", "尚未", "从未", "不存在", "排除", "脱离"];
    private static readonly string[] BuiltInNegationFillers = ["人员", "人", "任何", "造成", "发生", "出现", "导致", "引起", "引发"];

    // A clause that speaks of a possibility or its prevention: the hazard is not (yet) happening.
    private static readonly string[] BuiltInHypotheticalMarkers =
        ["可能", "随时", "一旦", "万一", "如果", "假如", "若", "恐", "担心", "以免", "以防", "防止", "避免", "预防", "隐患", "风险", "迟早", "早晚", "容易",
         "怎么办", "等到", "不堪设想", "谁负责", "谁来负责"];

    // A clause saying the harm is happening now or is about to: the rulings' test for high.
    private static readonly string[] BuiltInUnderWayMarkers =
        ["正在", "现在", "目前", "此刻", "刚才", "刚刚", "马上", "立即", "立刻", "赶快", "赶紧", "快点", "即将", "眼看", "今天", "今晚", "今早", "当天",
         "还在", "仍在", "一直在", "已经", "快要", "就要", "明天", "后天", "救命", "求救"];

    // A clause told as history.
    private static readonly string[] BuiltInPastMarkers = ["去年", "前年", "当年", "曾经", "曾", "多年前", "几年前", "那年", "早在", "当时", "以前", "上个月"];

    // Words naming a group acting together.
    private static readonly string[] BuiltInGroupWords =
        ["全体", "集体", "全村", "全组", "村民们", "业主们", "居民们", "工人们", "农民工们", "家长们", "大家", "联名", "上百", "数百", "几百",
         "上千", "数千", "几十", "数十", "众多", "广大", "所有业主", "全小区", "群众"];


    private static readonly char[] BuiltInSentenceEnds = ['。', '！', '？', '!', '?', '；', ';', '\n'];
    private static readonly char[] BuiltInClauseEnds = ['。', '！', '？', '!', '?', '；', ';', '\n', '，', ','];

    /// <summary>This library's own lists: what a newly trained model is trained with.</summary>
    internal static UrgencyCueLexicon BuiltIn => s_builtIn.Value;

    // Lazy: static initialisers of a partial class run in no defined order across its files.
    private static readonly Lazy<UrgencyCueLexicon> s_builtIn = new(() => new(
        BuiltInCategories, HighCategoryCountBuiltIn, [.. BuiltInLists.Select(l => new PhraseList(BuiltInCategories[l.Category], l.Reading, l.Phrases))],
        BuiltInWageTerms, BuiltInHolidayTerms, BuiltInNegations, BuiltInNegationFillers, BuiltInHypotheticalMarkers, BuiltInUnderWayMarkers,
        BuiltInPastMarkers, BuiltInGroupWords, BuiltInSentenceEnds, BuiltInClauseEnds));
}
