using System.Text.Json;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Cli;

/// <summary>The <c>textinsight segment</c> contract other tools rely on.</summary>
public sealed class SegmentCommandTests
{
    [Theory]
    [InlineData("precise", false, "hmm")]
    [InlineData("precise", true, "nohmm")]
    [InlineData("full", false, "all")]
    [InlineData("search", false, "search")]
    public void Segment_files_match_python_jieba_line_for_line(string mode, bool noHmm, string golden)
    {
        string dir = Directory.CreateTempSubdirectory("ti-seg").FullName;
        try
        {
            List<string> input = TestPaths.ReadGzipLines(Path.Combine(TestPaths.Shared, "jieba", "golden", "input.txt.gz")).Take(300).ToList();
            List<string> expected = TestPaths.ReadGzipLines(Path.Combine(TestPaths.Shared, "jieba", "golden", $"expected.{golden}.txt.gz")).Take(300).ToList();
            string inPath = Path.Combine(dir, "in.txt"), outPath = Path.Combine(dir, "out.txt");
            File.WriteAllText(inPath, string.Join('\n', input) + "\n");
            int exit = TextInsight.Cli.Commands.SegmentCommand.Run(inPath, outPath,
                mode switch { "full" => TextInsight.Jieba.Segmentation.CutMode.Full, "search" => TextInsight.Jieba.Segmentation.CutMode.Search, _ => TextInsight.Jieba.Segmentation.CutMode.Precise },
                hmm: !noHmm, stats: false);
            Assert.Equal(0, exit);
            Assert.Equal(expected, TestPaths.ReadLines(File.OpenRead(outPath)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Stdin_to_stdout_keeps_one_line_per_input_line_and_stats_go_to_stderr()
    {
        // Empty lines, a CR kept inside a line (only \n splits), and a last line without \n; expected tokens from python jieba.
        const string input = "我来到北京清华大学\n\n小区物业乱收费\r\nend";
        CliRunner.Result r = CliRunner.Run(input, "segment", "--input", "-", "--output", "-", "--stats");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("我 / 来到 / 北京 / 清华大学\n\n小区 / 物业 / 乱收费 / \r\nend\n", r.StdOut);

        using JsonDocument stats = JsonDocument.Parse(r.StdErr.Trim());
        JsonElement root = stats.RootElement;
        Assert.Equal(4, root.GetProperty("lines").GetInt32());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(input.Replace("\n", "", StringComparison.Ordinal)) / 1e6, root.GetProperty("MB").GetDouble(), 3);
        foreach (string key in new[] { "load_s", "seg_s", "MB_per_s" })
        {
            Assert.True(root.GetProperty(key).GetDouble() >= 0, key);
        }
    }

    [Fact]
    public void Invalid_utf8_is_read_as_replacement_characters_with_a_warning_and_no_line_is_lost()
    {
        string dir = Directory.CreateTempSubdirectory("ti-seg").FullName;
        try
        {
            string inPath = Path.Combine(dir, "in.txt"), outPath = Path.Combine(dir, "out.txt");
            File.WriteAllBytes(inPath, [.. "北京\n"u8, 0xE5, 0x8C, (byte)'\n', .. "上海\n"u8]);
            CliRunner.Result r = CliRunner.Run(null, "segment", "--input", inPath, "--output", outPath);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("1 line(s) had invalid UTF-8", r.StdErr, StringComparison.Ordinal);
            Assert.Equal(["北京", "\uFFFD", "上海"], TestPaths.ReadLines(File.OpenRead(outPath)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_input_file_fails_with_a_message_naming_it()
    {
        CliRunner.Result r = CliRunner.Run(null, "segment", "--input", "/tmp/ti-no-such-file.txt", "--output", "-");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("ti-no-such-file.txt", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_mode_is_rejected_by_the_parser()
    {
        CliRunner.Result r = CliRunner.Run(null, "segment", "--input", "-", "--output", "-", "--mode", "fast");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("fast", r.StdErr, StringComparison.Ordinal);
    }
}
