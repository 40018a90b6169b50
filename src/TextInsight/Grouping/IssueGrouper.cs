using TextInsight.Batching;
using TextInsight.Classification;

namespace TextInsight.Grouping;

/// <summary>
/// Groups messages about the same issue, one message at a time: <see cref="Add"/> compares a message with earlier
/// messages that share a rare word or a place name with it (an inverted index, never all pairs), joins the issue
/// of the best match when the <see cref="SameIssueModel"/> says "same", and otherwise opens a new issue.
/// </summary>
/// <remarks>
/// <para>Thread-safe: <see cref="Add"/> may be called concurrently (messages are prepared in parallel and joined one at
/// a time); issues are numbered in the order their first message was joined.</para>
/// <para>Issues are never merged afterwards, and a message joins an issue only when it is also close enough to the
/// message that opened it (<see cref="IssueGrouperOptions.FounderThreshold"/>): a chain of near neighbours cannot
/// drift into one giant group. Work per message is bounded by <see cref="IssueGrouperOptions.MaxCandidates"/> and
/// <see cref="IssueGrouperOptions.MaxPostingsScanned"/>, so time grows linearly with the number of messages.</para>
/// <para>Memory grows with the messages held for comparison, a few KB each. A long-running service calls
/// <see cref="Forget"/> now and then: forgotten messages stay members of their issues (sizes, heat, labels) at a
/// fraction of the memory, but new messages are no longer compared with them.</para>
/// </remarks>
/// <example><code>
/// var grouper = new IssueGrouper();
/// int issue = grouper.Add(new IssueMessage("m1", "丽发新城小区旁边的搅拌站噪音扰民", Time: DateTimeOffset.Now));
/// foreach (Issue i in grouper.Issues().OrderByDescending(i => i.Heat).Take(10)) Console.WriteLine($"{i.Label} {i.Size}");
/// </code></example>
public sealed class IssueGrouper
{
    private readonly object _gate = new();
    private readonly SameIssueModel _model;
    private readonly IssueGrouperOptions _options;
    private readonly List<IssueDocument?> _docs = [];   // null once forgotten
    private readonly List<(string[] Names, string[] Problem)> _labelWords = [];
    private readonly List<IssueMember> _members = [];
    private readonly Dictionary<int, int> _frozenRepresentative = [];   // issue -> member position, from a Forget until the issue grows
    private int _held;
    private readonly List<int> _issueOf = [];
    private readonly List<List<int>> _issues = [];
    private readonly Dictionary<ulong, List<int>> _postings = [];
    private DateTimeOffset? _latest;

    /// <summary>A grouper.</summary>
    /// <param name="model">The same-issue model; <see cref="SameIssueModel.Default"/> when null.</param>
    /// <param name="options">Candidate limits; defaults when null.</param>
    public IssueGrouper(SameIssueModel? model = null, IssueGrouperOptions? options = null)
    {
        _model = model ?? SameIssueModel.Default;
        _options = options ?? new IssueGrouperOptions();
        _options.Validate();
    }

    /// <summary>The model deciding "same issue".</summary>
    public SameIssueModel Model => _model;

    /// <summary>Messages added so far.</summary>
    public int MessageCount
    {
        get
        {
            lock (_gate)
            {
                return _docs.Count;
            }
        }
    }

    /// <summary>Messages still held for comparison with new ones: <see cref="MessageCount"/> less those forgotten.</summary>
    public int HeldMessageCount
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>Issues so far.</summary>
    public int IssueCount
    {
        get
        {
            lock (_gate)
            {
                return _issues.Count;
            }
        }
    }

    /// <summary>The probability that two messages are about the same issue (<see cref="SameIssueModel.Score"/> of this grouper's model).</summary>
    /// <param name="a">One message.</param>
    /// <param name="b">The other.</param>
    /// <returns>A score in [0, 1]; "same" from <see cref="SameIssueModel.Threshold"/> up.</returns>
    public double SameIssueScore(IssueMessage a, IssueMessage b) => _model.Score(a, b);

    /// <summary>Adds a message and returns the number of its issue: an existing one, or a new one.</summary>
    /// <param name="message">The message. Empty or whitespace text is accepted and opens an issue of its own (nothing to compare).</param>
    /// <param name="classification">Its classification, when known: gives issues their topic, highest urgency and heat.</param>
    /// <returns>The issue's number (1-based).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or its id is null.</exception>
    public int Add(IssueMessage message, FeedbackResult? classification = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Id);
        IssueDocument doc = _model.Prepare(message);
        lock (_gate)
        {
            return Join(message, doc, classification);
        }
    }

    /// <summary>
    /// Adds many messages: prepared in parallel, joined in input order, so the result equals adding them one by one.
    /// </summary>
    /// <param name="messages">The messages with their classifications (null when unknown).</param>
    /// <param name="maxDegreeOfParallelism">Threads preparing messages; 0 for all cores.</param>
    /// <returns>Each message's issue number, in input order (streamed).</returns>
    public IEnumerable<int> AddRange(IEnumerable<(IssueMessage Message, FeedbackResult? Classification)> messages, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach ((IssueMessage message, FeedbackResult? classification, IssueDocument doc) in OrderedParallel.Map(
            messages,
            m =>
            {
                ArgumentNullException.ThrowIfNull(m.Message);
                ArgumentNullException.ThrowIfNull(m.Message.Id);
                return (m.Message, m.Classification, _model.Prepare(m.Message));
            },
            maxDegreeOfParallelism))
        {
            lock (_gate)
            {
                yield return Join(message, doc, classification);
            }
        }
    }

    /// <summary>
    /// Stops comparing new messages with those that arrived before <paramref name="before"/>, and releases what was
    /// kept to compare them (their n-grams, words, names and opening). They stay members of their issues: sizes, times,
    /// topics, urgency, heat, labels and representatives are unchanged (a representative is chosen again, among the
    /// messages still held, when the issue next grows). A new message about an issue whose messages are all forgotten
    /// opens a new issue. Messages without a time are never forgotten.
    /// </summary>
    /// <param name="before">Messages with an earlier time are forgotten.</param>
    /// <returns>How many messages this call forgot.</returns>
    /// <example>An intake service keeping 90 days: <c>grouper.Forget(DateTimeOffset.UtcNow.AddDays(-90))</c> once a day.</example>
    public int Forget(DateTimeOffset before)
    {
        lock (_gate)
        {
            var forgotten = new HashSet<int>();
            var issues = new HashSet<int>();
            for (int i = 0; i < _docs.Count; i++)
            {
                if (_docs[i] is not null && _members[i].Time is { } t && t < before)
                {
                    forgotten.Add(i);
                    issues.Add(_issueOf[i]);
                }
            }

            if (forgotten.Count == 0)
            {
                return 0;
            }

            foreach (int issue in issues)
            {
                // Keep the representative chosen over all its messages (they are about to lose their n-grams).
                _frozenRepresentative[issue] = Representative(issue);
            }

            var keys = new HashSet<ulong>();
            foreach (int i in forgotten)
            {
                keys.UnionWith(_docs[i]!.BlockKeys);
                _docs[i] = null;
            }

            foreach (ulong key in keys)
            {
                List<int> list = _postings[key];
                list.RemoveAll(forgotten.Contains);
                if (list.Count == 0)
                {
                    _postings.Remove(key);
                }
            }

            _held -= forgotten.Count;
            return forgotten.Count;
        }
    }

    /// <summary>The issues so far, with their summaries, in order of their numbers.</summary>
    /// <param name="asOf">The reference time for recency and heat; the latest message time when null (now, when no message has a time).</param>
    /// <param name="minSize">Leave out issues with fewer messages.</param>
    /// <returns>The issues.</returns>
    public IReadOnlyList<Issue> Issues(DateTimeOffset? asOf = null, int minSize = 1)
    {
        lock (_gate)
        {
            DateTimeOffset reference = asOf ?? _latest ?? DateTimeOffset.UtcNow;
            var result = new List<Issue>();
            for (int i = 0; i < _issues.Count; i++)
            {
                if (_issues[i].Count >= minSize)
                {
                    result.Add(Summarise(i, reference));
                }
            }

            return result;
        }
    }

    /// <summary>The issue of one message.</summary>
    /// <param name="issueId">An issue number returned by <see cref="Add"/>.</param>
    /// <param name="asOf">As for <see cref="Issues"/>.</param>
    /// <returns>The issue.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such issue.</exception>
    public Issue GetIssue(int issueId, DateTimeOffset? asOf = null)
    {
        lock (_gate)
        {
            if (issueId < 1 || issueId > _issues.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(issueId), issueId, "No issue has this number.");
            }

            return Summarise(issueId - 1, asOf ?? _latest ?? DateTimeOffset.UtcNow);
        }
    }

    private int Join(IssueMessage message, IssueDocument doc, FeedbackResult? classification)
    {
        int index = _docs.Count;
        int issue = BestIssue(doc, message.Time);
        if (issue < 0)
        {
            issue = _issues.Count;
            _issues.Add([]);
        }

        _docs.Add(doc);
        _held++;
        _labelWords.Add((doc.LabelAnchors, doc.LabelKeywords));
        _members.Add(new IssueMember(message.Id, index, message.Time, classification?.Primary, classification?.Urgency));
        _issueOf.Add(issue);
        _issues[issue].Add(index);
        _frozenRepresentative.Remove(issue);
        foreach (ulong key in doc.BlockKeys)
        {
            if (!_postings.TryGetValue(key, out List<int>? list))
            {
                _postings[key] = list = [];
            }

            list.Add(index);
        }

        if (message.Time is { } t && (_latest is null || t > _latest))
        {
            _latest = t;
        }

        return issue + 1;
    }

    /// <summary>The issue the document joins (index), or -1 for a new one.</summary>
    private int BestIssue(IssueDocument doc, DateTimeOffset? time)
    {
        // Candidates: earlier messages sharing block keys, counted; the most recent postings of each key only.
        var shared = new Dictionary<int, int>();
        foreach (ulong key in doc.BlockKeys)
        {
            if (!_postings.TryGetValue(key, out List<int>? list))
            {
                continue;
            }

            for (int k = list.Count - 1, seen = 0; k >= 0 && seen < _options.MaxPostingsScanned; k--, seen++)
            {
                int c = list[k];
                if (_options.Window is { } window && time is { } t && _members[c].Time is { } ct && (t - ct).Duration() > window)
                {
                    continue;
                }

                shared[c] = shared.GetValueOrDefault(c) + 1;
            }
        }

        if (shared.Count == 0)
        {
            return -1;
        }

        IEnumerable<int> candidates = shared.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Take(_options.MaxCandidates).Select(p => p.Key);
        var scored = new Dictionary<int, double>();
        var best = new Dictionary<int, double>();
        foreach (int c in candidates)
        {
            double s = scored[c] = _model.ScoreDocuments(doc, _docs[c]!);   // postings hold only held messages
            if (s >= _model.Threshold)
            {
                int issue = _issueOf[c];
                best[issue] = Math.Max(best.GetValueOrDefault(issue), s);
            }
        }

        foreach ((int issue, double _) in best.OrderByDescending(p => p.Value).ThenBy(p => p.Key))
        {
            // The issue's first message still held stands for what the issue is about (its first, unless forgotten).
            int founder = _issues[issue].First(m => _docs[m] is not null);
            double founderScore = scored.TryGetValue(founder, out double known) ? known : _model.ScoreDocuments(doc, _docs[founder]!);
            if (founderScore >= _options.FounderThreshold)
            {
                return issue;
            }
        }

        return -1;
    }

    private Issue Summarise(int issue, DateTimeOffset reference)
    {
        List<int> members = _issues[issue];
        IssueMember[] list = [.. members.Select(m => _members[m])];
        DateTimeOffset?[] times = [.. list.Select(m => m.Time)];
        DateTimeOffset? first = times.Where(t => t.HasValue).DefaultIfEmpty().Min();
        DateTimeOffset? last = times.Where(t => t.HasValue).DefaultIfEmpty().Max();
        int recent = list.Count(m => m.Time is not { } t || (t <= reference && t > reference.AddDays(-7)));
        int previous = list.Count(m => m.Time is { } t && t <= reference.AddDays(-7) && t > reference.AddDays(-14));
        UrgencyLevel?[] urgencies = [.. list.Where(m => m.Urgency.HasValue).Select(m => m.Urgency)];
        double highShare = urgencies.Length == 0 ? 0 : urgencies.Count(u => u == UrgencyLevel.High) / (double)list.Length;
        UrgencyLevel? highest = urgencies.Length == 0 ? null : urgencies.MinBy(u => Rank(u!.Value));
        FeedbackTopic? primary = list.Where(m => m.Primary.HasValue).GroupBy(m => m.Primary!.Value)
            .Select(g => (Topic: g.Key, Count: g.Count(), First: g.Min(m => m.Sequence)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.First).Select(g => (FeedbackTopic?)g.Topic).FirstOrDefault();
        return new Issue(
            issue + 1, list, list[Representative(issue)], Label(members), first, last, primary, highest,
            recent, previous, Issue.HeatOf(list.Length, recent, previous, highShare));
    }

    private static int Rank(UrgencyLevel u) => u == UrgencyLevel.High ? 0 : u == UrgencyLevel.Medium ? 1 : 2;

    /// <summary>
    /// The member (index into the issue) whose n-grams are closest to the issue's average; the first 200 members still
    /// held are weighed. An issue that lost messages to <see cref="Forget"/> keeps the representative it had then,
    /// until a new message joins it.
    /// </summary>
    private int Representative(int issue)
    {
        if (_frozenRepresentative.TryGetValue(issue, out int frozen))
        {
            return frozen;
        }

        List<int> all = _issues[issue];
        if (all.Count <= 2)
        {
            return 0;
        }

        int[] held = [.. Enumerable.Range(0, all.Count).Where(i => _docs[all[i]] is not null).Take(200)];
        return held.Length == 0 ? 0 : held[RepresentativeOf([.. held.Select(i => _docs[all[i]]!)])];
    }

    private static int RepresentativeOf(IssueDocument[] docs)
    {
        int n = docs.Length;
        var centroid = new Dictionary<uint, double>();
        for (int i = 0; i < n; i++)
        {
            SparseVector v = docs[i].Chars;
            for (int k = 0; k < v.Count; k++)
            {
                centroid[v.Keys[k]] = centroid.GetValueOrDefault(v.Keys[k]) + v.Weights[k];
            }
        }

        int best = 0;
        double bestDot = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            SparseVector v = docs[i].Chars;
            double dot = 0;
            for (int k = 0; k < v.Count; k++)
            {
                dot += centroid[v.Keys[k]] * v.Weights[k];
            }

            if (dot > bestDot)
            {
                bestDot = dot;
                best = i;
            }
        }

        return best;
    }

    /// <summary>Up to two names and two problem words, most shared across members first (ties: first seen).</summary>
    private string Label(List<int> members)
    {
        static IEnumerable<string> Top(IEnumerable<string[]> lists, int take) => lists
            .SelectMany((words, doc) => words.Distinct().Select((w, rank) => (w, doc, rank)))
            .GroupBy(x => x.w, StringComparer.Ordinal)
            .Select(g => (Word: g.Key, Count: g.Count(), First: g.Min(x => (x.doc * 100) + x.rank)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.First)
            .Take(take).Select(g => g.Word);

        (string[] Names, string[] Problem)[] words = [.. members.Take(200).Select(m => _labelWords[m])];
        List<string> names = Distinct(Top(words.Select(w => w.Names), 4), [], 2);
        List<string> problem = Distinct(Top(words.Select(w => w.Problem), 6), names, names.Count == 0 ? 3 : 2);
        return string.Join(" ", names.Concat(problem));
    }

    /// <summary>Up to <paramref name="take"/> words that neither repeat nor sit inside a word already chosen ("滨江路" after "滨江路地铁工地").</summary>
    private static List<string> Distinct(IEnumerable<string> words, List<string> before, int take)
    {
        var chosen = new List<string>();
        foreach (string w in words)
        {
            if (chosen.Count == take)
            {
                break;
            }

            if (before.Concat(chosen).Any(c => c.Contains(w, StringComparison.Ordinal) || w.Contains(c, StringComparison.Ordinal)))
            {
                continue;
            }

            chosen.Add(w);
        }

        return chosen;
    }
}

/// <summary>Options of an <see cref="IssueGrouper"/>.</summary>
public sealed class IssueGrouperOptions
{
    /// <summary>Earlier messages scored against each new one, those sharing the most rare words and names first (default 40).</summary>
    public int MaxCandidates { get; init; } = 40;

    /// <summary>Most recent messages looked up per shared word or name (default 400): bounds the work of very common words.</summary>
    public int MaxPostingsScanned { get; init; } = 400;

    /// <summary>
    /// The score a message must also reach against an issue's first message to join it (default 0.2): stops chains of
    /// near neighbours drifting away from what the issue was about.
    /// </summary>
    public double FounderThreshold { get; init; } = 0.2;

    /// <summary>When set, only messages within this time of a new message are compared with it.</summary>
    public TimeSpan? Window { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCandidates, 1, nameof(MaxCandidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPostingsScanned, 1, nameof(MaxPostingsScanned));
        if (!(FounderThreshold >= 0 && FounderThreshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FounderThreshold), FounderThreshold, "Must be in [0, 1).");
        }

        if (Window is { } w && w <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), w, "Must be positive.");
        }
    }
}
