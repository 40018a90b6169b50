using System.Globalization;
using TextInsight.Tests.Infrastructure;
using TextInsight.Tests.Segmentation;

namespace TextInsight.Tests.Cli;

/// <summary><c>textinsight tag</c> and <c>keywords</c> write python jieba's results, one line per input line.</summary>
public sealed class AnalyseCommandTests : IDisposable
{
    private const int Lines = 200;
    private readonly string _dir = Directory.CreateTempSubdirectory("ti-analyse").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Input()
    {
        string path = Path.Combine(_dir, "in.txt");
        File.WriteAllText(path, string.Join('\n', PosTaggerGoldenTests.Corpus.Value.Take(Lines)) + "\n");
        return path;
    }

    [Fact]
    public void Tag_writes_word_slash_tag_as_jieba_posseg()
    {
        string output = Path.Combine(_dir, "tags.txt");
        CliRunner.Result r = CliRunner.Run(null, "tag", "--input", Input(), "--output", output);
        Assert.Equal(0, r.ExitCode);
        List<string> actual = TestPaths.ReadLines(File.OpenRead(output));
        List<string> expected = TestPaths.ReadGzipLines(TestPaths.Golden("posseg.hmm.txt.gz")).Take(Lines).ToList();
        Assert.Equal(Lines, actual.Count);
        for (int i = 0; i < Lines; i++)
        {
            // Words are separated by spaces, but a word may itself be a space: rebuild lengths from the known text.
            string text = PosTaggerGoldenTests.Corpus.Value[i];
            var rebuilt = new List<string>();
            int at = 0, pos = 0;
            string line = actual[i];
            foreach (string cell in expected[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int len = int.Parse(cell[..cell.IndexOf('/', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                string tag = cell[(cell.IndexOf('/', StringComparison.Ordinal) + 1)..];
                string word = text.Substring(at, len);
                Assert.True(line.AsSpan(pos).StartsWith(word + "/" + tag, StringComparison.Ordinal), $"line {i + 1} at '{word}/{tag}'");
                pos += word.Length + 1 + tag.Length + 1;
                at += len;
            }
        }
    }

    [Fact]
    public void Keywords_with_weight_write_jieba_tfidf_top20()
    {
        string output = Path.Combine(_dir, "kw.txt");
        CliRunner.Result r = CliRunner.Run(null, "keywords", "--input", Input(), "--output", output, "--with-weight");
        Assert.Equal(0, r.ExitCode);
        List<string> actual = TestPaths.ReadLines(File.OpenRead(output));
        List<string> expected = TestPaths.ReadGzipLines(TestPaths.Golden("tfidf.top20.txt.gz")).Take(Lines).ToList();
        for (int i = 0; i < Lines; i++)
        {
            string text = PosTaggerGoldenTests.Corpus.Value[i];
            string want = string.Join(" ", expected[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(cell =>
            {
                string[] f = cell.Split(':');
                return string.Concat(text.AsSpan(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture)), ":", f[2]);
            }));
            Assert.Equal(want, actual[i]);
        }
    }

    [Fact]
    public void Keywords_textrank_and_stop_word_options_run()
    {
        string output = Path.Combine(_dir, "tr.txt");
        CliRunner.Result r = CliRunner.Run(null, "keywords", "--input", Input(), "--output", output, "--method", "textrank", "--top", "3", "--stop-words", "chinese");
        Assert.Equal(0, r.ExitCode);
        List<string> lines = TestPaths.ReadLines(File.OpenRead(output));
        Assert.Equal(Lines, lines.Count);
        Assert.All(lines, l => Assert.True(l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3));
        Assert.DoesNotContain(lines, l => l.Split(' ').Contains("问题"));
    }
}
