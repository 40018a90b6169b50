using System.Text;
using TextInsight.Normalization;
using TextInsight.Jieba.Segmentation;
using TextInsight.Urgency;

namespace TextInsight.Features;

/// <summary>What the ML.NET featurizer reads for one message.</summary>
internal sealed class FeatureRow
{
    /// <summary>Segmenter tokens joined by spaces (punctuation and whitespace dropped, title repeated once).</summary>
    public string Words { get; set; } = "";

    /// <summary>The message's Han, letter and digit characters, for character n-grams.</summary>
    public string Chars { get; set; } = "";

    /// <summary>log(1 + matches) per urgency cue category, then of the high matches read as under way.</summary>
    /// <remarks>Its length depends on the cue lists, so ML.NET is told it by <see cref="Schema"/>, not by an attribute.</remarks>
    public float[] Cues { get; set; } = [];

    /// <summary>The ML.NET schema of rows whose cue vector has <paramref name="cueFeatures"/> entries.</summary>
    internal static Microsoft.ML.Data.SchemaDefinition Schema(int cueFeatures)
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(Cues)].ColumnType = new Microsoft.ML.Data.VectorDataViewType(Microsoft.ML.Data.NumberDataViewType.Single, cueFeatures);
        return schema;
    }
}

/// <summary>A message prepared for scoring: normalised text, featurizer input and cue evidence.</summary>
internal sealed record PreparedMessage(string Text, FeatureRow Row, List<CueMatch> Cues);

/// <summary>
/// Normalisation → segmentation → the featurizer's input row. Segmentation stays outside the saved
/// ML.NET model, so a model file never holds custom code.
/// </summary>
/// <remarks>Thread-safe: the segmenter and cue lists are shared read-only.</remarks>
internal sealed class FeatureExtractor(JiebaSegmenter segmenter, UrgencyCueLexicon lexicon, int maxChars, TranscriptOptions? transcripts,
    IReadOnlySet<string>? maskedCues = null)
{
    /// <summary>Texts beyond this many characters are cut: petitions state their matter early, and it bounds cost.</summary>
    internal const int DefaultMaxChars = 3000;

    // How much more than maxChars of a text is read for speaker turns (the operator's turns are dropped from it).
    internal const int TranscriptParseFactor = 10;

    internal static FeatureExtractor Default { get; } = new(JiebaSegmenter.Create(), UrgencyCueLexicon.BuiltIn, DefaultMaxChars, TranscriptOptions.Default);

    internal JiebaSegmenter Segmenter => segmenter;

    /// <summary>The urgency cue lists whose matches are counted.</summary>
    internal UrgencyCueLexicon Lexicon => lexicon;

    /// <summary>This extractor counting the cues of <paramref name="cues"/>; itself when it already does.</summary>
    internal FeatureExtractor WithLexicon(UrgencyCueLexicon cues) => ReferenceEquals(cues, lexicon) ? this : new(segmenter, cues, maxChars, transcripts, maskedCues);

    /// <summary>How transcripts are read before classification; null: every text is plain prose.</summary>
    internal TranscriptOptions? Transcripts => transcripts;

    internal FeatureExtractor WithTranscripts(TranscriptOptions? options) => new(segmenter, lexicon, maxChars, options, maskedCues);

    /// <summary>This extractor with another cut-off; itself when it already has it.</summary>
    internal FeatureExtractor WithMaxChars(int chars) => chars == maxChars ? this : new(segmenter, lexicon, chars, transcripts, maskedCues);

    /// <summary>
    /// This extractor ignoring the cue phrases <paramref name="phrases"/>, for measuring a model on held-out
    /// messages whose labels the cue lists may have been written from (see <see cref="Mask"/>).
    /// </summary>
    internal FeatureExtractor WithMaskedCues(IReadOnlySet<string> phrases) => new(segmenter, lexicon, maxChars, transcripts, phrases);

    /// <summary>
    /// The cue phrases found in <paramref name="heldOut"/> messages but in none of <paramref name="training"/>.
    /// The cue lists were written with the annotators' quotes of the high-urgency messages of
    /// ../shared/data/taxonomy_labels.tsv in view, so a phrase that only held-out emergencies contain may have
    /// been copied from their labels; counting it would overstate how well the model finds emergencies in text
    /// it has never seen.
    /// </summary>
    internal static HashSet<string> UnevidencedCues(IEnumerable<PreparedMessage> training, IEnumerable<PreparedMessage> heldOut)
    {
        var seen = training.SelectMany(m => m.Cues).Select(c => c.Phrase).ToHashSet(StringComparer.Ordinal);
        return heldOut.SelectMany(m => m.Cues).Select(c => c.Phrase).Where(p => !seen.Contains(p)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary><paramref name="message"/> with the matches of <paramref name="phrases"/> removed; itself when it has none.</summary>
    internal static PreparedMessage Mask(PreparedMessage message, IReadOnlySet<string> phrases, UrgencyCueLexicon lexicon)
    {
        if (!message.Cues.Exists(c => phrases.Contains(c.Phrase)))
        {
            return message;
        }

        List<CueMatch> kept = lexicon.Without(message.Cues, phrases);
        var row = new FeatureRow { Words = message.Row.Words, Chars = message.Row.Chars, Cues = lexicon.Features(kept) };
        return message with { Row = row, Cues = kept };
    }

    internal PreparedMessage Prepare(string? title, string text)
    {
        string t = TextNormalizer.Normalize(title);
        string body = TextNormalizer.Normalize(text);
        if (transcripts is not null)
        {
            // Speaker labels and the operator's scripted turns say nothing about the citizen's matter. Only the start
            // of a huge text is parsed: the turns kept are cut to maxChars anyway, and parsing 10 MB of text could run
            // past the label pattern's time-out on a busy machine.
            if (body.Length > TranscriptParseFactor * maxChars)
            {
                body = body[..(TranscriptParseFactor * maxChars)];
            }

            body = Transcript.Parse(body, transcripts).TextForClassification;
        }

        if (body.Length > maxChars)
        {
            body = body[..maxChars];
        }

        string full = t.Length == 0 ? body : t + "。" + body;
        // Title tokens twice (a title names the matter), then the body's. "。" ends a jieba block, so
        // segmenting the title and the body apart gives the tokens of `full`; the title is cut once.
        // The token boundaries of `full` are kept for the cue lists, which match whole words only.
        var words = new StringBuilder(full.Length * 2);
        var boundaries = new bool[full.Length + 1];
        AppendWords(words, t, boundaries, 0);
        if (words.Length > 0)
        {
            string titleWords = words.ToString();
            words.Append(' ').Append(titleWords);
        }

        AppendWords(words, body, boundaries, t.Length == 0 ? 0 : t.Length + 1);
        if (t.Length > 0)
        {
            boundaries[t.Length] = boundaries[t.Length + 1] = true; // the "。" between title and body
        }

        var chars = new StringBuilder(full.Length);
        foreach (char c in full)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars.Append(char.ToLowerInvariant(c));
            }
        }

        List<CueMatch> cues = lexicon.Find(full, boundaries);
        var row = new FeatureRow { Words = words.ToString(), Chars = chars.ToString(), Cues = lexicon.Features(cues) };
        var prepared = new PreparedMessage(full, row, cues);
        return maskedCues is null ? prepared : Mask(prepared, maskedCues, lexicon);
    }

    /// <summary>
    /// Per offset 0..Length of <paramref name="text"/>, whether a token of <paramref name="segmenter"/> starts or ends
    /// there (the word boundaries the cue lists match on).
    /// </summary>
    internal static bool[] WordBoundaries(JiebaSegmenter segmenter, string text)
    {
        var boundaries = new bool[text.Length + 1];
        var sink = new WordSink(null, boundaries, 0);
        segmenter.Segment(text, ref sink);
        boundaries[0] = boundaries[text.Length] = true;
        return boundaries;
    }

    private void AppendWords(StringBuilder sb, string text, bool[] boundaries, int offset)
    {
        var sink = new WordSink(sb, boundaries, offset);
        segmenter.Segment(text, ref sink);
    }

    /// <summary>
    /// Marks every token's start and end in the boundaries; appends tokens with a letter or digit, lower-cased, to the
    /// words (when given); digit runs become one placeholder.
    /// </summary>
    private readonly struct WordSink(StringBuilder? sb, bool[] boundaries, int offset) : ITokenSink
    {
        public void OnToken(ReadOnlySpan<char> token, int start, int length)
        {
            boundaries[offset + start] = true;
            boundaries[offset + start + length] = true;
            if (sb is null)
            {
                return;
            }

            bool hasLetter = false, allDigits = true;
            foreach (char c in token)
            {
                hasLetter |= char.IsLetterOrDigit(c);
                allDigits &= char.IsAsciiDigit(c);
            }

            if (!hasLetter)
            {
                return;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (allDigits)
            {
                sb.Append("<num>");
                return;
            }

            foreach (char c in token)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
    }
}
