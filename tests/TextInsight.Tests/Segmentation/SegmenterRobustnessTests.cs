using System.Text;
using TextInsight.Jieba.Segmentation;
using TextInsight.Jieba.Segmentation.Dictionary;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>Bad input, huge input, concurrency and dictionary sources.</summary>
public sealed class SegmenterRobustnessTests
{
    [Fact]
    public void Null_text_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Segmenters.Default.Cut(null!));
        Assert.Throws<ArgumentNullException>(() => Segmenters.Default.Tokenize(null!));
        Assert.Throws<ArgumentNullException>(() => Segmenters.Default.AddWord(null!));
        Assert.Throws<ArgumentException>(() => Segmenters.Default.AddWord(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => JiebaSegmenter.Create().AddWord("词", -1));
    }

    [Fact]
    public void One_megabyte_texts_keep_the_concatenation_property()
    {
        var rng = new Random(7);
        string han = "市民反映小区物业管理混乱拆迁补偿款拖欠工资城管暴力执法";
        var sb = new StringBuilder();
        while (sb.Length < 1_000_000)
        {
            int r = rng.Next(100);
            sb.Append(r < 85 ? han[rng.Next(han.Length)] : r < 90 ? (char)rng.Next(0x4E00, 0x9FD6) : r < 94 ? "😀" : r < 97 ? '\uD800' : ' ');
        }

        string text = sb.ToString();
        foreach (bool hmm in new[] { true, false })
        {
            IReadOnlyList<string> tokens = Segmenters.Default.Cut(text, CutMode.Precise, hmm);
            Assert.Equal(text, string.Concat(tokens));
        }

        // A single unbroken run of a megabyte of Han characters goes through one DAG and one Viterbi pass.
        string run = new('龘', 1_000_000);
        Assert.Equal(run, string.Concat(Segmenters.Default.Cut(run)));
        Assert.True(Segmenters.Default.CountTokens(run, CutMode.Full) > 0);
    }

    [Fact]
    public async Task Sixteen_threads_sharing_one_segmenter_match_sequential_results_while_the_dictionary_changes()
    {
        List<string> lines = TestPaths.ReadGzipLines(Path.Combine(TestPaths.Shared, "jieba", "golden", "input.txt.gz")).Take(400).ToList();
        var segmenter = JiebaSegmenter.Create();
        string[] before = lines.Select(l => string.Join("/", segmenter.Cut(l))).ToArray();

        // Edits add words that never occur in these lines, so every cut must equal the sequential one.
        // Readers start once the first edit is published, so reads and edits overlap.
        string[] results = new string[lines.Count * 16];
        using var firstEdit = new ManualResetEventSlim();
        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < 30; i++)
            {
                segmenter.AddWord($"测试专用词{i}号", 10);
                firstEdit.Set();
            }
        });
        Assert.True(firstEdit.Wait(TimeSpan.FromSeconds(60)), "the writer never published an edit");
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            for (int i = 0; i < lines.Count; i++)
            {
                results[t * lines.Count + i] = string.Join("/", segmenter.Cut(lines[i]));
            }
        });
        await writer;

        for (int t = 0; t < 16; t++)
        {
            for (int i = 0; i < lines.Count; i++)
            {
                Assert.Equal(before[i], results[t * lines.Count + i]);
            }
        }

        Assert.Equal(["测试专用词0号"], segmenter.Cut("测试专用词0号"));
        Assert.Equal(["测试专用词29号"], segmenter.Cut("测试专用词29号"));
    }

    [Fact]
    public void A_main_dictionary_loads_from_a_stream_and_from_a_path()
    {
        const string dict = "北京 100 ns\n大学 80 n\n北京大学 50 nt\n生活 60 vn\n";
        var fromStream = JiebaSegmenter.Create(new MemoryStream(Encoding.UTF8.GetBytes(dict)), "mini");
        Assert.Equal(["北京大学", "生活"], fromStream.Cut("北京大学生活", hmm: false));
        Assert.Equal("nt", fromStream.GetTag("北京大学"));

        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, dict);
            Assert.Equal(fromStream.Cut("北京大学生活"), JiebaSegmenter.Create(path).Cut("北京大学生活"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("北京 100\n大学\n", 2)]
    [InlineData("北京 abc\n", 1)]
    [InlineData("北京 -5\n", 1)]
    public void A_malformed_main_dictionary_names_the_line(string dict, int line)
    {
        var e = Assert.Throws<DictionaryFormatException>(() => JiebaSegmenter.Create(new MemoryStream(Encoding.UTF8.GetBytes(dict)), "bad.txt"));
        Assert.Equal(line, e.LineNumber);
        Assert.Contains("bad.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_dictionary_that_is_not_utf8_is_rejected_and_nothing_is_applied()
    {
        var segmenter = JiebaSegmenter.Create();
        byte[] bytes = [.. Encoding.UTF8.GetBytes("石墨烯 5\n"), 0xff, 0xfe, (byte)'\n'];
        var e = Assert.Throws<DictionaryFormatException>(() => segmenter.LoadUserDictionary(new MemoryStream(bytes), "user.txt"));
        Assert.Equal(2, e.LineNumber);
        Assert.Null(segmenter.GetFrequency("石墨烯"));
    }

    [Fact]
    public void A_missing_dictionary_file_throws_FileNotFoundException()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"textinsight-missing-{Guid.NewGuid():N}.txt");
        Assert.Throws<FileNotFoundException>(() => JiebaSegmenter.Create(missing));
        Assert.Throws<FileNotFoundException>(() => JiebaSegmenter.Create().LoadUserDictionary(missing));
    }
}
