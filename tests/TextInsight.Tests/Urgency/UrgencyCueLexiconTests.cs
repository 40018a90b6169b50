using TextInsight.Features;
using TextInsight.Jieba.Segmentation;
using TextInsight.Urgency;

namespace TextInsight.Tests.Urgency;

/// <summary>
/// Which occurrences of a listed phrase count as urgency cues, and in which category: the rulings of
/// TAXONOMY.md v1.1 read on the segmenter's word boundaries.
/// </summary>
public sealed class UrgencyCueLexiconTests
{
    private static readonly JiebaSegmenter Segmenter = JiebaSegmenter.Create();

    private static List<CueMatch> Find(string text) => UrgencyCueLexicon.BuiltIn.Find(text, FeatureExtractor.WordBoundaries(Segmenter, text));

    private static IEnumerable<string> Phrases(string text) => Find(text).Select(m => m.Phrase);

    private static string? CategoryOf(string text, string phrase) => Find(text).Where(m => m.Phrase == phrase).Select(m => m.Category).FirstOrDefault();

    [Theory]
    [InlineData("昨晚仓库失火，幸无人员伤亡", "伤亡")]
    [InlineData("车被撞坏了，没有人受伤", "受伤")]
    [InlineData("伤者已脱离生命危险", "生命危险")]
    [InlineData("厂里未发生火灾，但隐患很大", "火灾")]
    [InlineData("他从未打人", "打人")]
    public void A_high_situation_stated_as_absent_is_not_a_cue(string text, string phrase) =>
        Assert.DoesNotContain(phrase, Phrases(text));

    [Theory]
    [InlineData("工人不同程度受伤", "受伤", "injury-untreated")]
    [InlineData("开发商非法强拆我家", "强拆", "forced-demolition")]
    [InlineData("墙都裂开了，不是危房是什么？", "危房", "collapse")]
    [InlineData("无情的洪水冲进屋里", "洪水", "flooding")]
    public void Words_that_only_look_like_negation_keep_the_cue(string text, string phrase, string category) =>
        Assert.Equal(category, CategoryOf(text, phrase));

    [Theory]
    [InlineData("请相关人员尽快处理", "关人")]
    [InlineData("我打电话过去就被挂断电话了", "断电")]
    [InlineData("这里是贫困人口集中的村", "困人")]
    public void A_phrase_inside_a_longer_word_is_not_a_cue(string text, string phrase) =>
        Assert.DoesNotContain(phrase, Phrases(text));

    [Theory]
    [InlineData("加油站离小区太近，随时可能爆炸", "爆炸")]
    [InlineData("围墙年久失修，一旦倒塌后果不堪设想", "倒塌")]
    [InlineData("请尽快处理，以免发生火灾", "火灾")]
    public void A_hazard_that_could_happen_someday_is_a_potential_hazard_not_a_high_cue(string text, string phrase) =>
        Assert.Equal("potential-hazard", CategoryOf(text, phrase));

    [Theory]
    [InlineData("楼道里现在满是煤气味", "煤气味", "fire-gas")]
    [InlineData("房子已经倾斜，里面还住着老人", "倾斜", "collapse")]
    [InlineData("污水正在倒灌进一楼住户家里", "倒灌", "flooding")]
    public void A_hazard_happening_now_is_a_high_cue(string text, string phrase, string category) =>
        Assert.Equal(category, CategoryOf(text, phrase));

    [Fact]
    public void A_high_cue_whose_clause_says_it_is_happening_now_is_read_as_under_way()
    {
        Assert.True(Find("楼道里现在满是煤气味").Single(m => m.Phrase == "煤气味").UnderWay);
        Assert.False(Find("楼道里满是煤气味").Single(m => m.Phrase == "煤气味").UnderWay);
        float[] features = UrgencyCueLexicon.BuiltIn.Features(Find("楼道里现在满是煤气味"));
        Assert.Equal(UrgencyCueLexicon.BuiltIn.FeatureCount, features.Length);
        Assert.Equal(MathF.Log(2), features[^1], 5);
    }

    [Theory]
    [InlineData("去年我被城管打伤，至今没有赔偿", "打伤")]
    [InlineData("当年强拆我家房屋的补偿一直没有到位", "强拆")]
    public void Harm_told_as_past_history_is_past_harm_not_a_high_cue(string text, string phrase) =>
        Assert.Equal("past-harm", CategoryOf(text, phrase));

    [Fact]
    public void A_petition_counts_as_collective_action_only_when_a_group_takes_it()
    {
        Assert.Equal("collective-action", CategoryOf("全体业主决定下周一起到市政府上访", "上访"));
        Assert.Null(CategoryOf("如果还不解决，我将继续上访", "上访"));
        Assert.Equal("collective-action", CategoryOf("再不解决就去拉横幅", "拉横幅")); // a banner is collective by itself
    }

    [Fact]
    public void Wages_count_with_the_spring_festival_as_one_situation()
    {
        List<CueMatch> both = Find("马上就要过年了，我们二十多个农民工的工资还没有发");
        Assert.Equal(2, both.Count(m => m.Category == "wages-before-holiday"));
        Assert.DoesNotContain(Find("今年夏天的工资还没有发"), m => m.Category == "wages-before-holiday");
    }

    [Theory]
    [InlineData("去年他持刀伤人，今天他又持刀堵在我家门口", "持刀")]
    [InlineData("上次没有人受伤，这次有三人受伤", "受伤")]
    public void A_later_occurrence_counts_when_the_first_does_not(string text, string phrase)
    {
        CueMatch match = Assert.Single(Find(text), m => m.Phrase == phrase);

        Assert.Equal(text.LastIndexOf(phrase, StringComparison.Ordinal), match.Start);
    }

    [Fact]
    public void Negation_is_only_read_for_the_high_situations()
    {
        // "没有解决" is itself a repeated-reports phrase; a medium or low list phrase after 没/无 keeps its meaning.
        Assert.Contains("无果", Phrases("多次反映无果"));
        Assert.Contains("渗水", Phrases("楼上没修好，没渗水前就说过"));
    }

    [Fact]
    public void Boundaries_must_cover_every_offset() =>
        Assert.Throws<ArgumentException>(() => UrgencyCueLexicon.BuiltIn.Find("着火了", new bool[2]));
}
