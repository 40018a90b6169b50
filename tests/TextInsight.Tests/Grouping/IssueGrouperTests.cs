using TextInsight.Grouping;

namespace TextInsight.Tests.Grouping;

/// <summary>Grouping messages into issues: the issues of our samples, incremental and batch use, threads, summaries and heat, bad input.</summary>
public sealed class IssueGrouperTests
{
    private static readonly List<IssueMessage> Samples = SampleIssues.Messages();

    private static Dictionary<string, int> GroupSamples(IssueGrouper grouper) =>
        Samples.ToDictionary(m => m.Id, m => grouper.Add(m));

    [Fact]
    public void Repeated_complaints_share_an_issue_and_other_issues_stay_apart()
    {
        Dictionary<string, int> issue = GroupSamples(new IssueGrouper());

        foreach (string[] group in new[] { SampleIssues.NightConstruction, SampleIssues.UnpaidWages, SampleIssues.WaterCut })
        {
            Assert.Single(group.Select(id => issue[id]).Distinct());
        }

        int[] three = [issue["H008"], issue["H016"], issue["H030"]];
        Assert.Equal(3, three.Distinct().Count());
        Assert.NotEqual(issue["H025"], issue["H028"]);      // same village, another problem
        Assert.NotEqual(issue["H001"], issue["H038"]);      // same problem, another estate
        Assert.NotEqual(issue["H001"], issue["H006"]);      // same estate, another problem
    }

    [Fact]
    public void Adding_in_batch_on_any_number_of_threads_equals_adding_one_by_one()
    {
        int[] oneByOne = [.. GroupSamples(new IssueGrouper()).Values];
        foreach (int threads in new[] { 1, 2, 4 })
        {
            int[] batch = [.. new IssueGrouper().AddRange(Samples.Select(m => (m, (FeedbackResult?)null)), threads)];
            Assert.Equal(oneByOne, batch);
        }
    }

    [Fact]
    public void Concurrent_adds_give_every_message_exactly_one_issue()
    {
        var grouper = new IssueGrouper();
        var returned = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Parallel.ForEach(Samples, new ParallelOptions { MaxDegreeOfParallelism = 8 }, m => returned[m.Id] = grouper.Add(m));

        IReadOnlyList<Issue> issues = grouper.Issues();
        Assert.Equal(Samples.Count, grouper.MessageCount);
        Assert.Equal(Samples.Count, issues.Sum(i => i.Size));
        Assert.Equal(Samples.Select(m => m.Id).Order(), issues.SelectMany(i => i.Members).Select(m => m.Id).Order());
        foreach (Issue i in issues)
        {
            Assert.All(i.Members, m => Assert.Equal(i.Id, returned[m.Id]));
        }
    }

    [Fact]
    public void An_issue_summary_names_place_and_problem_and_counts_its_heat_as_documented()
    {
        var grouper = new IssueGrouper();
        int id = GroupSamples(grouper)["H008"];
        var asOf = new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero);
        Issue noise = grouper.GetIssue(id, asOf);

        Assert.Equal(SampleIssues.NightConstruction.Order(), noise.Members.Select(m => m.Id).Order());
        Assert.Contains("滨江路", noise.Label, StringComparison.Ordinal);
        Assert.Contains(noise.Representative, noise.Members);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 23, 10, 0, TimeSpan.Zero), noise.FirstTime);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 22, 10, 0, TimeSpan.Zero), noise.LastTime);

        // Last 7 days (11-23 23:59, 11-30 23:59]: H014, H015, H040; the 7 before: H013 (11-23 22:50).
        Assert.Equal(3, noise.RecentCount);
        Assert.Equal(1, noise.PreviousCount);
        Assert.Equal(Math.Log(10) + (2 * Math.Log(4)) + Math.Log2(4.0 / 2.0), noise.Heat, 12);
        Assert.Null(noise.Primary);
        Assert.Null(noise.HighestUrgency);
    }

    [Fact]
    public void Classifications_given_with_messages_give_issues_their_topic_and_highest_urgency()
    {
        FeedbackClassifier classifier = FeedbackClassifier.LoadDefault();
        var grouper = new IssueGrouper();
        var results = new Dictionary<string, FeedbackResult>();
        foreach (IssueMessage m in Samples)
        {
            results[m.Id] = classifier.Classify(m.Title, m.Text!);
            grouper.Add(m, results[m.Id]);
        }

        foreach (Issue issue in grouper.Issues(minSize: 2))
        {
            FeedbackResult[] r = [.. issue.Members.Select(m => results[m.Id])];
            UrgencyLevel expected = r.Any(x => x.Urgency == UrgencyLevel.High) ? UrgencyLevel.High : r.Any(x => x.Urgency == UrgencyLevel.Medium) ? UrgencyLevel.Medium : UrgencyLevel.Low;
            Assert.Equal(expected, issue.HighestUrgency);
            Assert.Equal(r.GroupBy(x => x.Primary).Max(g => g.Count()), r.Count(x => x.Primary == issue.Primary));
            double high = r.Count(x => x.Urgency == UrgencyLevel.High) / (double)r.Length;
            Assert.Equal(Issue.HeatOf(issue.Size, issue.RecentCount, issue.PreviousCount, high), issue.Heat, 12);
        }
    }

    [Fact]
    public void Odd_texts_are_grouped_without_error_and_empty_ones_each_open_their_own_issue()
    {
        var grouper = new IssueGrouper();
        int empty1 = grouper.Add(new IssueMessage("e1", ""));
        int empty2 = grouper.Add(new IssueMessage("e2", null, "  "));
        Assert.NotEqual(empty1, empty2);

        string huge = string.Concat(Enumerable.Repeat("滨江路地铁工地夜间施工噪音扰民。", 40_000));
        int a = grouper.Add(new IssueMessage("huge", huge));
        int b = grouper.Add(new IssueMessage("huge-again", huge));
        Assert.Equal(a, b);
        grouper.Add(new IssueMessage("surrogates", "\ud800半个代理对\udc00和表情😀"));
        grouper.Add(new IssueMessage("controls", "\0\u0001\u200b\ufeff"));
        Assert.Equal(6, grouper.Issues().Sum(i => i.Size));

        Assert.Throws<ArgumentNullException>(() => grouper.Add(null!));
        Assert.Throws<ArgumentNullException>(() => grouper.Add(new IssueMessage(null!, "x")));
        Assert.Throws<ArgumentOutOfRangeException>(() => grouper.GetIssue(999));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IssueGrouper(options: new IssueGrouperOptions { MaxCandidates = 0 }));
    }

    [Fact]
    public void Capped_title_and_text_never_end_in_half_a_surrogate_pair()
    {
        // The emoji straddles the cap: both the title and the compared text must drop it whole.
        string title = new string('路', IssueDocumentBuilder.MaxChars - 1) + "😀";
        (string full, string cappedTitle) = IssueDocumentBuilder.Prepare(title, "正文");
        Assert.Equal(IssueDocumentBuilder.MaxChars - 1, cappedTitle.Length);
        Assert.False(char.IsHighSurrogate(cappedTitle[^1]));
        Assert.False(char.IsHighSurrogate(full[^1]));
        Assert.Equal(IssueDocumentBuilder.MaxChars, IssueDocumentBuilder.Prepare(new string('路', IssueDocumentBuilder.MaxChars + 5), null).Title.Length);
    }

    [Fact]
    public void A_window_keeps_messages_far_apart_in_time_in_separate_issues()
    {
        IssueMessage first = Samples.Single(m => m.Id == "H008");
        IssueMessage later = Samples.Single(m => m.Id == "H009") with { Time = first.Time!.Value.AddDays(60) };

        var windowed = new IssueGrouper(options: new IssueGrouperOptions { Window = TimeSpan.FromDays(30) });
        Assert.NotEqual(windowed.Add(first), windowed.Add(later));

        var unbounded = new IssueGrouper();
        Assert.Equal(unbounded.Add(first), unbounded.Add(later));
    }

    [Fact]
    public void Forgotten_messages_stay_in_their_issues_but_new_messages_are_not_compared_with_them()
    {
        var grouper = new IssueGrouper();
        Dictionary<string, int> before = GroupSamples(grouper);
        IReadOnlyList<Issue> issuesBefore = grouper.Issues();
        DateTimeOffset cut = Samples.Single(m => m.Id == "H040").Time!.Value;   // the last night-construction message
        int expected = Samples.Count(m => m.Time < cut);

        Assert.Equal(expected, grouper.Forget(cut));
        Assert.Equal(0, grouper.Forget(cut));   // nothing left to forget before the same time
        Assert.Equal(Samples.Count, grouper.MessageCount);
        Assert.Equal(Samples.Count - expected, grouper.HeldMessageCount);

        // Issues keep their members, labels, representatives and heat.
        IReadOnlyList<Issue> issuesAfter = grouper.Issues();
        Assert.Equal(issuesBefore.Select(i => (i.Id, i.Size, i.Label, i.Representative.Id, i.Heat)), issuesAfter.Select(i => (i.Id, i.Size, i.Label, i.Representative.Id, i.Heat)));

        // A repeat of a forgotten message whose issue has no message held opens a new issue; a repeat of a held one joins it.
        IssueMessage water = Samples.Single(m => m.Id == "H031");
        Assert.True(water.Time < cut && SampleIssues.WaterCut.All(id => Samples.Single(m => m.Id == id).Time < cut));
        int waterAgain = grouper.Add(water with { Id = "again-water", Time = cut.AddDays(1) });
        Assert.NotEqual(before["H031"], waterAgain);
        Assert.Equal(before["H040"], grouper.Add(Samples.Single(m => m.Id == "H040") with { Id = "again-night", Time = cut.AddDays(1) }));
        Assert.Equal(waterAgain, grouper.Add(water with { Id = "again-water-2", Time = cut.AddDays(2) }));
    }
}
