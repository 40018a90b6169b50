using TextInsight.Normalization;
using Xunit;

namespace TextInsight.Tests.Normalization;

public sealed class TranscriptTests
{
    [Fact]
    public void Named_labels_split_turns_and_assign_roles()
    {
        const string text = "坐席：您好，12345市民热线，请讲。来电人：我们小区停水三天了。坐席：好的，帮您记录。市民：谢谢。";
        Transcript t = Transcript.Parse(text);
        Assert.True(t.IsTranscript);
        Assert.Equal([SpeakerRole.Operator, SpeakerRole.Caller, SpeakerRole.Operator, SpeakerRole.Caller], t.Turns.Select(x => x.Role));
        Assert.Equal(["坐席", "来电人", "坐席", "市民"], t.Turns.Select(x => x.Label));
        Assert.Equal("我们小区停水三天了。。谢谢。", t.CallerText);
        Assert.Equal("您好，12345市民热线，请讲。。好的，帮您记录。", t.OperatorText);
        Assert.Equal(t.CallerText, t.TextForClassification);
        // Offsets point at each turn's text in the source.
        SpeakerTurn caller = t.Turns[1];
        Assert.Equal("我们小区停水三天了。", text.Substring(caller.Start, caller.Length));
    }

    [Fact]
    public void Anonymous_speakers_take_the_operator_role_from_what_they_say()
    {
        // B answers the phone here, so B is the operator even though A speaks first.
        Transcript t = Transcript.Parse("A：喂？\nB：您好，市民热线，请讲。\nA：我家门口的路灯坏了一个月了。\nB：好的，我帮您记录。");
        Assert.True(t.IsTranscript);
        Assert.Equal([SpeakerRole.Caller, SpeakerRole.Operator, SpeakerRole.Caller, SpeakerRole.Operator], t.Turns.Select(x => x.Role));
        Assert.Equal("喂？。我家门口的路灯坏了一个月了。", t.CallerText);
    }

    [Fact]
    public void With_no_operator_phrases_the_first_anonymous_speaker_is_the_operator()
    {
        Transcript t = Transcript.Parse("甲：说吧。乙：工地欠我工资。");
        Assert.Equal([SpeakerRole.Operator, SpeakerRole.Caller], t.Turns.Select(x => x.Role));
    }

    [Theory]
    [InlineData("方案A：扩建停车场。方案B：改造绿地。")] // letters glued to a word are not speaker labels
    [InlineData("我们小区停水三天了，请尽快处理。")]
    [InlineData("A：只有一个说话人标签。")]
    [InlineData("嗯，那个，我们小区停水了。")] // fillers are removed from transcript turns only
    [InlineData("")]
    public void Text_without_speaker_turns_is_kept_whole(string text)
    {
        Transcript t = Transcript.Parse(text);
        Assert.False(t.IsTranscript);
        SpeakerTurn only = Assert.Single(t.Turns);
        Assert.Equal(SpeakerRole.Unknown, only.Role);
        Assert.Equal(text, only.Text);
        Assert.Equal(text, t.TextForClassification);
    }

    [Fact]
    public void Text_before_the_first_label_is_kept_for_classification()
    {
        Transcript t = Transcript.Parse("工单摘要：路灯损坏。 坐席：请讲。 来电人：路灯坏了。");
        Assert.Equal(SpeakerRole.Unknown, t.Turns[0].Role);
        Assert.Equal("工单摘要：路灯损坏。。路灯坏了。", t.TextForClassification);
    }

    [Fact]
    public void Every_turn_is_classified_when_asked_or_when_nobody_is_a_caller()
    {
        const string text = "坐席：您反映的是欠薪问题。来电人：对。";
        Assert.Equal("您反映的是欠薪问题。。对。", Transcript.Parse(text, TranscriptOptions.Default with { CallerTurnsOnly = false }).TextForClassification);
        Assert.Equal("您好。。请讲。", Transcript.Parse("坐席：您好。话务员：请讲。").TextForClassification);
    }

    [Fact]
    public void Custom_labels_replace_the_defaults()
    {
        var options = TranscriptOptions.Default with { CallerLabels = ["投诉人"], OperatorLabels = ["受理员"] };
        Transcript t = Transcript.Parse("受理员：请讲。投诉人：噪音扰民。来电人：这不是标签。", options);
        Assert.Equal([SpeakerRole.Operator, SpeakerRole.Caller], t.Turns.Select(x => x.Role));
        Assert.Equal("噪音扰民。来电人：这不是标签。", t.CallerText);
        // The default options are untouched by the copy.
        Assert.Equal(SpeakerRole.Caller, Transcript.Parse("坐席：请讲。来电人：噪音。").Turns[1].Role);
    }

    [Theory]
    [InlineData("嗯，那个，我家楼上就是说一直漏水啊。", "我家楼上一直漏水。")]
    [InlineData("呃呃我想问一下那个工地什么时候停工", "我想问一下那个工地什么时候停工")] // 那个 + noun is a determiner
    [InlineData("就是，就是我们那个那个工资没发", "就是我们工资没发")] // 就是 before a word may be content: kept
    [InlineData("额，退还金额是多少", "退还金额是多少")] // 额 inside 金额 stays
    [InlineData("这个这个问题这个，很严重哦", "问题这个，很严重")]
    [InlineData("没有填充词的句子。", "没有填充词的句子。")]
    [InlineData("嗯嗯嗯", "")]
    [InlineData("", "")]
    public void Fillers_are_removed_only_where_they_are_fillers(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.RemoveFillers(text));

    [Fact]
    public void Fillers_are_removed_from_turns_unless_switched_off()
    {
        const string text = "坐席：请讲。来电人：嗯，那个，停水了。";
        Assert.Equal("停水了。", Transcript.Parse(text).CallerText);
        Assert.Equal("嗯，那个，停水了。", Transcript.Parse(text, TranscriptOptions.Default with { RemoveFillers = false }).CallerText);
    }
}
