using System.Text;
using TextInsight.Jieba.Keywords;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.PosTagging;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Reliability;

/// <summary>
/// Issue #7's bad-input list, each case through the segmenter, tagger, keyword extractor and classifier:
/// a documented result, never a crash or a hang. (Null gives ArgumentNullException: tested per API.)
/// </summary>
public sealed class BadInputSuiteTests
{
    public static TheoryData<string, string> Texts() => new()
    {
        { "empty", "" },
        { "whitespace only", " \t\u3000\r\n " },
        { "10 MB text", string.Concat(Enumerable.Repeat("市民反映小区物业管理混乱，拆迁补偿款被拖欠。", 400_000)) },
        { "lone high surrogate", "物业\uD800收费" },
        { "lone low surrogate", "物业\uDC00收费" },
        { "reversed surrogate pair", "物业\uDC00\uD800收费" },
        { "control characters", "物\u0000业\u0007收\u001B费\u007F" },
        { "zero-width characters", "物\u200B业\u200C收\u200D费\uFEFF" },
        { "emoji and flags", "物业😀收费🇨🇳👨‍👩‍👧" },
        { "full-width and half-width mix", "ＡＢＣ１２３abc123物业ｔｅｌ：１３８" },
        { "traditional characters", "臺灣電腦軟體拆遷補償款長期拖欠" },
        { "HTML fragment", "<div class=\"x\">物业&nbsp;乱收费<br/>&lt;script&gt;</div><p" },
        { "only punctuation", "！？。，、……——“”《》" },
        { "only digits", "12345678901234567890" },
        { "mixed scripts", "Москва 東京 서울 القاهرة مرحبا 物业" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_stage_handles_the_case(string name, string text)
    {
        JiebaSegmenter segmenter = Segmenters.Default;
        Assert.Equal(text, string.Concat(segmenter.Cut(text)));
        Assert.Equal(segmenter.Tokenize(text, CutMode.Search).Count, segmenter.CountTokens(text, CutMode.Search)); // the count-only path agrees

        string head = text.Length > 200_000 ? text[..200_000] : text; // the POS HMM is the slow stage; bound the run
        var tagger = PosTagger.Create(segmenter);
        Assert.Equal(head, string.Concat(tagger.Tag(head).Select(w => w.Word)));
        var keywords = KeywordExtractor.Create(tagger);
        Assert.All(keywords.ExtractTfIdf(head), k => Assert.True(k.Weight > 0));
        Assert.All(keywords.ExtractTextRank(head), k => Assert.InRange(k.Weight, 0, 1.000001));

        FeedbackResult r = FeedbackClassifier.LoadDefault().Classify(name, text);
        Assert.InRange(r.Confidence, 0, 1);
        Assert.True(r.Primary == FeedbackTopic.Other ? r.Topics.Count == 0 : r.Topics.Contains(r.Primary), name);
    }
}

/// <summary>Bad input files through the CLI: a clear error or an error row, never a crash or a silent loss.</summary>
public sealed class BadInputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-badfile").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void Csv_with_an_unbalanced_quote_reports_the_swallowed_lines()
    {
        string input = Write("q.csv", Encoding.UTF8.GetBytes("id,text\na1,物业乱收费\na2,\"没有结束的引号\na3,拖欠工资\na4,征地补偿\n"));
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", input, "--output", input + ".out");
        Assert.Equal(3, r.ExitCode);
        string[] errors = File.ReadAllLines(input + ".out.errors.tsv");
        Assert.StartsWith("3\t\tunterminated quoted field: lines 3..5", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_classify_input_is_read_with_replacement_characters()
    {
        string input = Write("u.tsv", [.. "id\ttext\nb1\t物业"u8, 0xFF, 0xFE, .. "收费\n"u8]);
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", input, "--output", input + ".out.tsv");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, File.ReadAllLines(input + ".out.tsv").Length);
    }

    [Theory]
    [InlineData("empty.tsv", "")]
    [InlineData("header-only.tsv", "id\ttext\n")]
    [InlineData("empty.jsonl", "")]
    [InlineData("empty.csv", "")]
    public void Empty_files_give_an_empty_result_or_a_clear_error_naming_the_file(string name, string content)
    {
        string input = Write(name, Encoding.UTF8.GetBytes(content));
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", input, "--output", input + ".out" + Path.GetExtension(name));
        if (content.Length == 0 && !name.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            Assert.Equal(2, r.ExitCode); // a table needs its header row
            Assert.Contains("empty", r.StdErr, StringComparison.Ordinal);
            Assert.Contains(name, r.StdErr, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("0 rows", r.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_tsv_without_the_named_columns_fails_before_classifying()
    {
        string input = Write("cols.tsv", Encoding.UTF8.GetBytes("key\tbody\n1\t物业\n"));
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", input, "--output", input + ".out.tsv", "--id-column", "key");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no column 'text'", r.StdErr, StringComparison.Ordinal);
    }
}
