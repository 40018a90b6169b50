using TextInsight.Training;
using TextInsight.Features;
using TextInsight.Urgency;

namespace TextInsight.Tests.Features;

/// <summary>
/// Held-out measurement does not count cue phrases that only held-out messages contain (the cue lists were
/// written with the labelled quotes in view).
/// </summary>
public sealed class CueMaskingTests
{
    private static readonly FeatureExtractor Extractor = FeatureExtractor.Default;

    private static int Category(string name) => UrgencyCueLexicon.BuiltIn.Categories.ToList().IndexOf(name);

    [Fact]
    public void Phrases_found_only_in_held_out_messages_are_unevidenced()
    {
        PreparedMessage[] training = [Extractor.Prepare(null, "楼下有人持刀行凶"), Extractor.Prepare(null, "小区停水三天了")];
        PreparedMessage[] heldOut = [Extractor.Prepare(null, "工地发生垮塌，有人持刀"), Extractor.Prepare(null, "请问怎么办理")];

        HashSet<string> masked = FeatureExtractor.UnevidencedCues(training, heldOut);

        Assert.Contains("垮塌", masked);
        Assert.Contains("请问", masked);
        Assert.DoesNotContain("持刀", masked);   // also in a training message
        Assert.DoesNotContain("停水", masked);   // only in a training message
    }

    [Fact]
    public void Masking_recounts_the_cue_features_and_keeps_the_words()
    {
        PreparedMessage message = Extractor.Prepare(null, "工地垮塌，楼房倾斜，围墙倒塌");
        int danger = Category("collapse");
        Assert.Equal(MathF.Log(1 + 3), message.Row.Cues[danger], 5);

        PreparedMessage masked = FeatureExtractor.Mask(message, new HashSet<string>(StringComparer.Ordinal) { "垮塌" }, UrgencyCueLexicon.BuiltIn);

        Assert.Equal(MathF.Log(1 + 2), masked.Row.Cues[danger], 5);
        Assert.DoesNotContain(masked.Cues, c => c.Phrase == "垮塌");
        Assert.Equal(message.Row.Words, masked.Row.Words);
        Assert.Equal(message.Row.Chars, masked.Row.Chars);
        Assert.Equal(MathF.Log(1 + 3), message.Row.Cues[danger], 5);   // the original is untouched
        Assert.Contains(message.Cues, c => c.Phrase == "垮塌");
    }

    [Fact]
    public void Masking_a_phrase_the_message_lacks_returns_the_message_itself()
    {
        PreparedMessage message = Extractor.Prepare(null, "小区停水三天了");
        Assert.Same(message, FeatureExtractor.Mask(message, new HashSet<string>(StringComparer.Ordinal) { "垮塌" }, UrgencyCueLexicon.BuiltIn));
    }

    [Fact]
    public void A_wage_and_holiday_pair_goes_when_either_term_is_masked()
    {
        PreparedMessage message = Extractor.Prepare(null, "农民工工资拖欠半年，马上过年了");
        int wages = Category("wages-before-holiday");
        Assert.True(message.Row.Cues[wages] > 0);

        PreparedMessage masked = FeatureExtractor.Mask(message, new HashSet<string>(StringComparer.Ordinal) { "过年" }, UrgencyCueLexicon.BuiltIn);

        Assert.Equal(0f, masked.Row.Cues[wages]);
        Assert.DoesNotContain(masked.Cues, c => c.Category == "wages-before-holiday");
        Assert.Contains(masked.Cues, c => c.Phrase == "拖欠");   // other categories keep their matches
    }

    [Fact]
    public void An_extractor_with_masked_cues_prepares_as_if_the_phrases_were_not_listed()
    {
        var masked = new HashSet<string>(StringComparer.Ordinal) { "垮塌" };
        PreparedMessage plain = Extractor.Prepare("紧急", "工地垮塌，有人持刀行凶");
        PreparedMessage blind = Extractor.WithMaskedCues(masked).Prepare("紧急", "工地垮塌，有人持刀行凶");

        Assert.Equal(FeatureExtractor.Mask(plain, masked, UrgencyCueLexicon.BuiltIn).Row.Cues, blind.Row.Cues);
        Assert.Equal(plain.Row.Words, blind.Row.Words);
        Assert.DoesNotContain(blind.Cues, c => c.Phrase == "垮塌");
    }

    [Fact]
    public void Cross_validation_masks_only_the_held_out_messages_whose_cue_phrases_no_training_message_has()
    {
        // 30 routine and 30 urgent messages; one urgent message carries a cue phrase ("殴打") that no other has.
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < 30; i++)
        {
            texts.Add($"请问小区{i}号楼的停车位怎么办理"); labels.Add(0);
            texts.Add(i == 7 ? "楼下有人殴打老人" : $"楼下有人持刀行凶，第{i}次了"); labels.Add(1);
        }

        PreparedMessage[] rows = [.. texts.Select(t => Extractor.Prepare(null, t))];
        TaskSpec[] tasks = [new("label", false, ["routine", "urgent"], [.. labels], null)];
        CoreSettings core = new FeedbackTrainerOptions { Folds = 3, MaxDegreeOfParallelism = 1, SemanticDimensions = 0 }.Core();

        double[][] plain = TrainingCore.CrossValidate(rows, tasks, [.. labels], core, null)["label"];
        double[][] masked = TrainingCore.CrossValidate(rows, tasks, [.. labels], core, null, cueSources: [.. labels.Select(l => l == 1)])["label"];

        int unique = texts.IndexOf("楼下有人殴打老人");
        Assert.NotEqual(plain[unique][1], masked[unique][1]);
        Assert.True(masked[unique][1] < plain[unique][1], "without its unseen cue the message looks less urgent");
        for (int i = 0; i < rows.Length; i++)
        {
            if (i != unique)
            {
                Assert.Equal(plain[i], masked[i]);   // training rows are never masked, so every other score is unchanged
            }
        }
    }
}
