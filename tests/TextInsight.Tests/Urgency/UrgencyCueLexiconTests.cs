using TextInsight.Urgency;

namespace TextInsight.Tests.Urgency;

/// <summary>
/// Which occurrences of a listed phrase count as urgency cues: a high situation stated as absent does not.
/// </summary>
public sealed class UrgencyCueLexiconTests
{
    private static IEnumerable<string> Phrases(string text) => UrgencyCueLexicon.Find(text).Select(m => m.Phrase);

    [Theory]
    [InlineData("昨晚仓库失火，幸无人员伤亡", "伤亡")]
    [InlineData("车被撞坏了，没有人受伤", "受伤")]
    [InlineData("伤者已脱离生命危险", "生命危险")]
    [InlineData("厂里未发生火灾，但隐患很大", "火灾")]
    [InlineData("他从未打人", "打人")]
    public void A_high_situation_stated_as_absent_is_not_a_cue(string text, string phrase) =>
        Assert.DoesNotContain(phrase, Phrases(text));

    [Theory]
    [InlineData("工人不同程度受伤", "受伤")]
    [InlineData("送医后不治身亡", "身亡")]
    [InlineData("开发商非法强拆我家", "强拆")]
    [InlineData("墙都裂开了，不是危房是什么？", "危房")]
    [InlineData("无情的洪水冲进屋里", "洪水")]
    public void Words_that_only_look_like_negation_keep_the_cue(string text, string phrase) =>
        Assert.Contains(phrase, Phrases(text));

    [Theory]
    [InlineData("我们毫无人身安全保障", "人身安全")]
    [InlineData("村里已经三天没有饮水了", "饮水")]
    [InlineData("家里断粮，孩子没有一日三餐", "一日三餐")]
    public void Being_without_a_protection_or_necessity_is_a_cue(string text, string phrase) =>
        Assert.Contains(phrase, Phrases(text));

    [Fact]
    public void A_later_occurrence_counts_when_the_first_is_negated()
    {
        CueMatch match = Assert.Single(UrgencyCueLexicon.Find("上次没有人受伤，这次有三人受伤"), m => m.Phrase == "受伤");

        Assert.Equal("上次没有人受伤，这次有三人受伤".LastIndexOf("受伤", StringComparison.Ordinal), match.Start);
    }

    [Fact]
    public void Negation_is_only_read_for_the_high_situations()
    {
        // "没有解决" is itself a repeated-reports phrase; a medium or low list phrase after 没/无 keeps its meaning.
        Assert.Contains("无果", Phrases("多次反映无果"));
        Assert.Contains("渗水", Phrases("楼上没修好，没渗水前就说过"));
    }
}
