using CsCheck;

namespace TextInsight.Tests.Reliability;

/// <summary>Classification is a function of the message alone: same result whatever the batch size, thread count or repetition.</summary>
public sealed class ClassificationPropertyTests
{
    private static readonly Gen<string> s_message = Gen.Frequency(
            (6, Gen.Char["物业收费小区停车拆迁补偿征地宅基地工资拖欠农民工老板村干部贪污推诿煤气泄漏老人过年上访噪音学校医院请问建议感谢"]),
            (2, Gen.Char['\u4E00', '\u9FD5']),
            (1, Gen.Char["，。！？ 0123456789abc"]),
            (1, Gen.Char))
        .Array[0, 120]
        .Select(c => new string(c));

    [Fact]
    public void Results_do_not_depend_on_batch_size_thread_count_or_repetition()
    {
        FeedbackClassifier model = FeedbackClassifier.LoadDefault();
        Gen.Select(s_message.Array[1, 40], Gen.Int[1, 16]).Sample((messages, threads) =>
        {
            string[] single = messages.Select(m => Describe(model.Classify(m))).ToArray();
            Assert.Equal(single, messages.Select(m => Describe(model.Classify(m))).ToArray());
            Assert.Equal(single, model.ClassifyBatch(messages.Select(m => new FeedbackMessage(null, m)), threads).Select(Describe).ToArray());
        }, iter: 60);
    }

    private static string Describe(FeedbackResult r) =>
        $"{r.Primary}|{string.Join(",", r.Topics)}|{r.Urgency}|{string.Join(",", r.UrgencyScores.Select(s => s.Probability))}|{string.Join(",", r.Cues.Select(c => c.Text))}";
}
