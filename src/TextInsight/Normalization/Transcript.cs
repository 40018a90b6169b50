using System.Text;
using System.Text.RegularExpressions;

namespace TextInsight.Normalization;

/// <summary>Who speaks a turn of a hotline transcript.</summary>
public enum SpeakerRole
{
    /// <summary>Text before the first speaker label (a summary line, a ticket header).</summary>
    Unknown = 0,

    /// <summary>The citizen: 来电人, 市民, 来电者, 群众 …</summary>
    Caller = 1,

    /// <summary>The hotline: 坐席, 话务员, 接线员, 客服 …</summary>
    Operator = 2,
}

/// <summary>One speaker turn.</summary>
/// <param name="Role">Caller, operator, or unknown (text before the first label).</param>
/// <param name="Label">The label as written (<c>来电人</c>, <c>A</c>); empty for <see cref="SpeakerRole.Unknown"/>.</param>
/// <param name="Text">What was said, trimmed, fillers removed when the options say so; for text that is not a transcript, the text itself.</param>
/// <param name="Start">Offset of the turn's text (after the label and colon) in the parsed text.</param>
/// <param name="Length">Length of the turn's text in the parsed text, before filler removal.</param>
public sealed record SpeakerTurn(SpeakerRole Role, string Label, string Text, int Start, int Length);

/// <summary>How <see cref="Transcript.Parse(string?, TranscriptOptions?)"/> reads speaker turns, and what classification keeps.</summary>
/// <remarks>Immutable and thread-safe; <see cref="Default"/> suits 12345 hotline exports.</remarks>
public sealed record TranscriptOptions
{
    // Keyed by instance: a record's `with` copy must not inherit a pattern built for other labels.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TranscriptOptions, Regex> s_patterns = [];

    /// <summary>The defaults: the usual Chinese labels, fillers removed, caller turns only for classification.</summary>
    public static TranscriptOptions Default { get; } = new();

    /// <summary>Labels that mark the citizen's turns.</summary>
    public IReadOnlyList<string> CallerLabels { get; init; } = ["来电人", "来电者", "来电市民", "市民", "群众", "来电群众", "客户", "用户", "反映人", "诉求人"];

    /// <summary>Labels that mark the hotline's turns.</summary>
    public IReadOnlyList<string> OperatorLabels { get; init; } = ["坐席", "话务员", "接线员", "客服", "工作人员", "热线", "值班员"];

    /// <summary>
    /// Labels whose role is not fixed (<c>A</c>/<c>B</c>, <c>甲</c>/<c>乙</c>, <c>说话人1</c>, <c>speaker 1</c>), as a regular
    /// expression. The speaker whose turns hold more operator phrases (您好, 热线, 请讲, 帮您记录 …) is the operator;
    /// with none, the first speaker is (the hotline answers first).
    /// </summary>
    public string AnonymousLabelPattern { get; init; } = @"[A-Da-d]|甲|乙|说话人\s?[0-9一二]|[Ss]peaker\s?[0-9]|[Ss]pk\s?[0-9]|角色\s?[0-9]";

    /// <summary>Remove spoken fillers (嗯, 呃, 就是说, a standalone 那个 …) from each turn of a transcript (text that is not one is kept whole); see <see cref="TextNormalizer.RemoveFillers"/>.</summary>
    public bool RemoveFillers { get; init; } = true;

    /// <summary>
    /// Classify the caller's turns only (default), or every turn. The operator's turns stay available in
    /// <see cref="Transcript.Turns"/> either way. When a transcript has no caller turn, every turn is used.
    /// </summary>
    public bool CallerTurnsOnly { get; init; } = true;

    internal Regex LabelPattern => s_patterns.GetValue(this, o => o.BuildPattern());

    private Regex BuildPattern()
    {
        static string Alternation(IEnumerable<string> labels) =>
            string.Join("|", labels.Where(l => !string.IsNullOrWhiteSpace(l)).OrderByDescending(l => l.Length).Select(Regex.Escape));

        string named = Alternation(CallerLabels.Concat(OperatorLabels));
        // A label starts the text or follows a sentence end, a line break or a space, and ends with a colon.
        string start = @"(?<=^|[\s。！？!?；;…”」）)])";
        string anonymous = $"(?<anon>{AnonymousLabelPattern})";
        string pattern = named.Length > 0
            ? $@"{start}(?:(?<label>{named})|{anonymous})[ \t]*[:：]"
            : $@"{start}{anonymous}[ \t]*[:：]";
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
    }
}

/// <summary>
/// A hotline transcript split into speaker turns (<c>坐席：您好…来电人：我家…</c>, <c>A: … B: …</c>), with the
/// caller's and the operator's words kept apart. Text without speaker labels parses as one
/// <see cref="SpeakerRole.Unknown"/> turn and <see cref="IsTranscript"/> is false.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class Transcript
{
    /// <summary>
    /// The version of the speaker-label and operator-turn rules, recorded in every trained model (see
    /// <see cref="TextNormalizer.RulesVersion"/>). Bump it whenever <see cref="Parse"/> gives a different result for any input.
    /// </summary>
    internal const int RulesVersion = 1;

    private static readonly string[] OperatorPhrases =
        ["您好", "热线", "请讲", "请问", "帮您", "为您", "记录", "工号", "反映给", "转交", "转给", "回复您", "核实", "还有其他"];

    private Transcript(string text, IReadOnlyList<SpeakerTurn> turns, bool isTranscript, TranscriptOptions options)
    {
        Source = text;
        Turns = turns;
        IsTranscript = isTranscript;
        Options = options;
    }

    /// <summary>The parsed text.</summary>
    public string Source { get; }

    /// <summary>The turns in order (an <see cref="SpeakerRole.Unknown"/> turn first when text precedes the first label).</summary>
    public IReadOnlyList<SpeakerTurn> Turns { get; }

    /// <summary>True when speaker labels were found: a named label (来电人, 坐席 …), or two different anonymous ones (A and B).</summary>
    public bool IsTranscript { get; }

    /// <summary>The options it was parsed with.</summary>
    public TranscriptOptions Options { get; }

    /// <summary>The caller's turns joined with 。.</summary>
    public string CallerText => Join(SpeakerRole.Caller);

    /// <summary>The operator's turns joined with 。.</summary>
    public string OperatorText => Join(SpeakerRole.Operator);

    /// <summary>
    /// What classification reads: text before the first label, then the caller's turns (or every turn when
    /// <see cref="TranscriptOptions.CallerTurnsOnly"/> is false or nobody is labelled a caller). For text that is
    /// not a transcript, the text itself.
    /// </summary>
    public string TextForClassification
    {
        get
        {
            if (!IsTranscript)
            {
                return Source;
            }

            bool callerOnly = Options.CallerTurnsOnly && Turns.Any(t => t.Role == SpeakerRole.Caller);
            return string.Join("。", Turns.Where(t => t.Text.Length > 0 && (!callerOnly || t.Role != SpeakerRole.Operator)).Select(t => t.Text));
        }
    }

    /// <summary>Splits <paramref name="text"/> into speaker turns.</summary>
    /// <param name="text">A transcript or any text; null is treated as empty.</param>
    /// <param name="options">Labels and filler handling; <see cref="TranscriptOptions.Default"/> when null.</param>
    /// <returns>The parsed transcript.</returns>
    public static Transcript Parse(string? text, TranscriptOptions? options = null)
    {
        text ??= string.Empty;
        options ??= TranscriptOptions.Default;
        var labels = new List<(int LabelStart, int TextStart, string Label, bool Anonymous)>();
        foreach (Match m in options.LabelPattern.Matches(text))
        {
            bool anonymous = m.Groups["anon"].Success;
            string label = anonymous ? m.Groups["anon"].Value : m.Groups["label"].Value;
            labels.Add((m.Index, m.Index + m.Length, label, anonymous));
        }

        bool anyNamed = labels.Exists(l => !l.Anonymous);
        int anonymousKinds = labels.Where(l => l.Anonymous).Select(l => l.Label).Distinct(StringComparer.Ordinal).Count();
        if (!anyNamed && anonymousKinds < 2)
        {
            // Prose, the common case on the classification path: kept whole, no filler pass over it.
            return new Transcript(text, [new SpeakerTurn(SpeakerRole.Unknown, "", text, 0, text.Length)], false, options);
        }

        var namedCaller = new HashSet<string>(options.CallerLabels, StringComparer.Ordinal);

        var raw = new List<(SpeakerRole Role, string Label, bool Anonymous, int Start, int Length)>();
        if (labels[0].LabelStart > 0 && !string.IsNullOrWhiteSpace(text[..labels[0].LabelStart]))
        {
            raw.Add((SpeakerRole.Unknown, "", false, 0, labels[0].LabelStart));
        }

        for (int k = 0; k < labels.Count; k++)
        {
            int end = k + 1 < labels.Count ? labels[k + 1].LabelStart : text.Length;
            SpeakerRole role = labels[k].Anonymous ? SpeakerRole.Unknown : namedCaller.Contains(labels[k].Label) ? SpeakerRole.Caller : SpeakerRole.Operator;
            raw.Add((role, labels[k].Label, labels[k].Anonymous, labels[k].TextStart, end - labels[k].TextStart));
        }

        string? operatorLabel = AnonymousOperator(text, raw.Where(r => r.Anonymous).Select(r => (r.Label, r.Start, r.Length)).ToList());
        var turns = raw.Select(r =>
        {
            SpeakerRole role = r.Anonymous ? (r.Label == operatorLabel ? SpeakerRole.Operator : SpeakerRole.Caller) : r.Role;
            return new SpeakerTurn(role, r.Label, Clean(text.Substring(r.Start, r.Length), options), r.Start, r.Length);
        }).ToList();
        return new Transcript(text, turns, true, options);
    }

    // The anonymous speaker saying the most operator phrases; on a tie, the first to speak.
    private static string? AnonymousOperator(string text, List<(string Label, int Start, int Length)> turns)
    {
        if (turns.Count == 0)
        {
            return null;
        }

        var order = turns.Select(t => t.Label).Distinct(StringComparer.Ordinal).ToList();
        string best = order[0];
        int bestScore = -1;
        foreach (string label in order)
        {
            int score = turns.Where(t => t.Label == label)
                .Sum(t => OperatorPhrases.Count(p => text.AsSpan(t.Start, t.Length).Contains(p, StringComparison.Ordinal)));
            if (score > bestScore)
            {
                (best, bestScore) = (label, score);
            }
        }

        return best;
    }

    private static string Clean(string turn, TranscriptOptions options)
    {
        string s = options.RemoveFillers ? TextNormalizer.RemoveFillers(turn) : turn;
        return s.Trim().Trim('，', ',', '、', ' ');
    }

    private string Join(SpeakerRole role)
    {
        var sb = new StringBuilder();
        foreach (SpeakerTurn t in Turns.Where(t => t.Role == role && t.Text.Length > 0))
        {
            if (sb.Length > 0)
            {
                sb.Append('。');
            }

            sb.Append(t.Text);
        }

        return sb.ToString();
    }
}
