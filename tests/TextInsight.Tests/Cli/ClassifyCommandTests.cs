using System.Text.Json;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary>
/// <c>textinsight classify</c>: every input row yields one output row or one error row, in order, for
/// CSV, TSV and JSONL, including malformed rows.
/// </summary>
public sealed class ClassifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-classify").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_custom_taxonomy_model_is_told_by_its_file_and_classified_with_its_own_columns()
    {
        var examples = Enumerable.Range(0, 20).Select(i => new LabelledText(null, i % 2 == 0 ? $"小区{i}号楼停水了" : $"请问{i}路公交几点发车", [i % 2 == 0 ? "water" : "bus"]));
        FeedbackTrainer.TrainCustom(examples, new FeedbackTrainerOptions { Folds = 2, SemanticDimensions = 0, MaxDegreeOfParallelism = 1 }).Model.Save(PathOf("custom.zip"));
        File.WriteAllText(PathOf("in.csv"), "id,text\nq1,我家停水两天了\nq2,请问8路公交几点发车\n");

        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("out.csv"), "--model", PathOf("custom.zip"));

        Assert.True(r.ExitCode == 0, r.StdErr);
        List<string[]> output = ReadCsv(PathOf("out.csv"));
        Assert.Equal(["id", "label", "confidence", "p_bus", "p_water"], output[0]);
        Assert.Equal([("q1", "water"), ("q2", "bus")], output.Skip(1).Select(row => (row[0], row[1])));

        CliRunner.Result refused = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("out2.csv"), "--model", PathOf("custom.zip"), "--high-recall", "0.8");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("custom-taxonomy model", refused.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_rows_in_equal_rows_out_plus_error_rows_with_line_numbers()
    {
        // Row 3 quotes a newline and a comma; row 4 has no id; row 5 empty text; row 6 is ragged.
        File.WriteAllText(PathOf("in.csv"),
            "\uFEFFid,title,text\n" +
            "a1,物业收费,\"小区物业乱收费，多次反映无果\"\n" +
            "a2,,\"老板拖欠工资\n三个月了，快过年了\"\n" +
            ",无编号,这条没有编号\n" +
            "a4,空文本,\n" +
            "a5,多列,文本,多余\n" +
            "a6,征地,村里征地补偿款被截留\n");
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("out.csv"), "--title-column", "title");
        Assert.Equal(3, r.ExitCode); // finished, with error rows

        List<string[]> output = ReadCsv(PathOf("out.csv"));
        Assert.Equal(["id", "primary", "topics", "urgency", "confidence", "p_livelihood", "p_land", "p_employment", "p_style", "p_high", "p_medium", "p_low", "cues"], output[0]);
        Assert.Equal(["a1", "a2", "a6"], output.Skip(1).Select(row => row[0]));
        Assert.Equal(["livelihood", "employment", "land"], output.Skip(1).Select(row => row[1])); // property fees, wages, land compensation (TAXONOMY.md)

        string[] errors = File.ReadAllLines(PathOf("out.csv.errors.tsv"));
        Assert.Equal("line\tid\treason", errors[0]);
        Assert.Equal(3, errors.Length - 1);
        Assert.StartsWith("5\t\tmissing id", errors[1], StringComparison.Ordinal);
        Assert.StartsWith("6\ta4\tempty text", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("7\t", errors[3], StringComparison.Ordinal);
        Assert.Contains("3 errors", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void High_recall_chooses_an_urgency_operating_point_and_refuses_one_out_of_range()
    {
        string samples = Path.Combine(TestPaths.RepoRoot, "samples", "messages.csv");
        CliRunner.Result byDefault = CliRunner.Run(null, "classify", "--input", samples, "--output", PathOf("default.csv"), "--title-column", "title");
        CliRunner.Result fewer = CliRunner.Run(null, "classify", "--input", samples, "--output", PathOf("fewer.csv"), "--title-column", "title", "--high-recall", "0.6");
        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(0, fewer.ExitCode);
        Assert.Contains("urgency operating point: high recall target 0.6", fewer.StdErr, StringComparison.Ordinal);

        static int High(List<string[]> rows) => rows.Skip(1).Count(row => row[3] == "high");
        List<string[]> a = ReadCsv(PathOf("default.csv")), b = ReadCsv(PathOf("fewer.csv"));
        Assert.True(High(b) < High(a), $"{High(b)} vs {High(a)} rows flagged high");
        Assert.Equal(a.Select(row => row[1]), b.Select(row => row[1]));   // primary unchanged

        CliRunner.Result refused = CliRunner.Run(null, "classify", "--input", samples, "--output", PathOf("x.csv"), "--title-column", "title", "--high-recall", "1.5");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("recall target", refused.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_pii_masks_kept_columns_and_cues_and_reports_offsets()
    {
        const string text = "来电人：我电话13812345678，身份证440306199003074513，车牌粤B12345被拖走了。";
        File.WriteAllText(PathOf("in.csv"), $"id,text\np1,\"{text}\"\n");
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("out.csv"), "--keep-columns", "--mask-pii");
        Assert.Equal(0, r.ExitCode);
        List<string[]> output = ReadCsv(PathOf("out.csv"));
        Assert.Equal(["cues", "pii", "text"], output[0][^3..]);
        string[] row = output[1];
        Assert.Equal("来电人：我电话[PHONE]，身份证[ID]，车牌[PLATE]被拖走了。", row[^1]);
        Assert.Equal($"MobilePhone@text:{text.IndexOf("138", StringComparison.Ordinal)}+11;IdCard@text:{text.IndexOf("4403", StringComparison.Ordinal)}+18;LicencePlate@text:{text.IndexOf("粤B", StringComparison.Ordinal)}+7", row[^2]);
        string all = File.ReadAllText(PathOf("out.csv"));
        foreach (string secret in new[] { "13812345678", "440306199003074513", "粤B12345", "138", "4513" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Transcripts_option_selects_what_is_classified()
    {
        // The operator's turn is about land; the caller's about unpaid wages.
        const string text = "坐席：您上次反映的征地拆迁补偿款问题已经转交国土部门。来电人：今天不说那个，工地老板拖欠我们工资三个月了。";
        File.WriteAllText(PathOf("in.csv"), $"id,text\nt1,\"{text}\"\n");
        string RunWith(string mode)
        {
            string output = PathOf($"out-{mode}.csv");
            Assert.Equal(0, CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", output, "--transcripts", mode).ExitCode);
            return ReadCsv(output)[1][12]; // cues
        }

        string caller = RunWith("caller"), all = RunWith("all"), off = RunWith("off");
        Assert.DoesNotContain("拆迁", caller, StringComparison.Ordinal);
        Assert.Contains("拆迁", all, StringComparison.Ordinal);
        Assert.Contains("拆迁", off, StringComparison.Ordinal);
        CliRunner.Result unknown = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("x.csv"), "--transcripts", "some");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("some", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tsv_is_split_on_tabs_without_quoting_and_stray_cr_is_dropped()
    {
        File.WriteAllText(PathOf("in.tsv"), "id\ttext\r\nt1\t他说\"物业\"又涨价了\r\nt2\t只有一列\tx\r\nt3\t工地拖欠农民工工资\n");
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.tsv"), "--output", PathOf("out.tsv"));
        Assert.Equal(3, r.ExitCode);
        string[] lines = File.ReadAllLines(PathOf("out.tsv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("t1\t", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("t3\temployment\t", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', File.ReadAllText(PathOf("out.tsv")));
        Assert.Equal(2, File.ReadAllLines(PathOf("out.tsv.errors.tsv")).Length);
    }

    [Fact]
    public void Jsonl_in_jsonl_out_with_invalid_lines_reported()
    {
        File.WriteAllText(PathOf("in.jsonl"), "{\"id\":\"j1\",\"text\":\"楼道煤气泄漏，老人被困\"}\n{not json}\n[1,2]\n{\"id\":\"j4\",\"text\":\"请问公积金怎么提取\"}\n");
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.jsonl"), "--output", PathOf("out.jsonl"), "--errors", PathOf("bad.tsv"));
        Assert.Equal(3, r.ExitCode);
        string[] lines = File.ReadAllLines(PathOf("out.jsonl"));
        Assert.Equal(2, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal("j1", first.RootElement.GetProperty("id").GetString());
        Assert.True(first.RootElement.GetProperty("p_high").GetDouble() is >= 0 and <= 1);
        Assert.Equal(["2", "3"], File.ReadAllLines(PathOf("bad.tsv")).Skip(1).Select(l => l.Split('\t')[0]));
    }

    [Fact]
    public void A_corrupt_model_file_fails_with_the_format_problem()
    {
        File.WriteAllBytes(PathOf("bad.zip"), [1, 2, 3, 4, 5]);
        File.WriteAllText(PathOf("in.csv"), "id,text\n1,物业\n");
        CliRunner.Result r = CliRunner.Run(null, "classify", "--input", PathOf("in.csv"), "--output", PathOf("o.csv"), "--model", PathOf("bad.zip"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a zip archive", r.StdErr, StringComparison.Ordinal);
    }

    private static List<string[]> ReadCsv(string path)
    {
        // Minimal RFC 4180 reader for assertions (quotes, doubled quotes, newlines in quotes).
        var rows = new List<string[]>();
        string text = File.ReadAllText(path);
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }
}
