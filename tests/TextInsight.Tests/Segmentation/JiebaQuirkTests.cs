using System.Text.Json;
using TextInsight.Jieba.Segmentation;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>
/// Replays Golden/quirks.tsv, recorded from python jieba 0.42.1 by Golden/generate_quirks.py: each
/// quirk of jieba's cut in every mode, then dictionary edits (add_word, del_word, suggest_freq,
/// load_userdict) applied in order, with the cuts and frequencies jieba gave after each edit.
/// </summary>
public sealed class JiebaQuirkTests
{
    private static readonly Lazy<string[][]> s_rows = new(() =>
        File.ReadAllLines(TestPaths.Golden("quirks.tsv")).Select(l => l.Split('\t')).ToArray());

    public static TheoryData<string> DefaultDictionaryCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in s_rows.Value.TakeWhile(r => r[0] != "#edit").Select(r => r[0]).Distinct())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultDictionaryCases))]
    public void Default_dictionary_quirk_matches_jieba(string name)
    {
        foreach (string[] row in s_rows.Value.Where(r => r[0] == name))
        {
            AssertCut(Segmenters.Default, row);
        }
    }

    [Fact]
    public void User_dictionary_edits_match_jieba_step_by_step()
    {
        var segmenter = JiebaSegmenter.Create();
        int checkedRows = 0;
        foreach (string[] row in s_rows.Value.SkipWhile(r => r[0] != "#edit"))
        {
            switch (row[0])
            {
                case "#edit":
                    Apply(segmenter, row[1], JsonSerializer.Deserialize<JsonElement[]>(row[2])!, row[3]);
                    break;
                case "#freq":
                    long? expected = JsonSerializer.Deserialize<long?>(row[2]);
                    string? tag = JsonSerializer.Deserialize<string?>(row[3]);
                    Assert.Equal(expected, segmenter.GetFrequency(row[1]));
                    if (tag is not null)
                    {
                        Assert.Equal(tag, segmenter.GetTag(row[1]));
                    }

                    break;
                default:
                    AssertCut(segmenter, row);
                    break;
            }

            checkedRows++;
        }

        Assert.True(checkedRows > 40, "the recorded edit section is missing");
    }

    [Fact]
    public void Edits_do_not_leak_into_other_instances()
    {
        var edited = JiebaSegmenter.Create();
        edited.AddWord("石墨烯");
        Assert.Equal(["石墨烯"], edited.Cut("石墨烯"));
        Assert.NotEqual(["石墨烯"], JiebaSegmenter.Create().Cut("石墨烯"));
    }

    private static void Apply(JiebaSegmenter segmenter, string op, JsonElement[] args, string expected)
    {
        switch (op)
        {
            case "add_word":
                segmenter.AddWord(args[0].GetString()!,
                    args[1].ValueKind == JsonValueKind.Null ? null : args[1].GetInt64(),
                    args[2].ValueKind == JsonValueKind.Null ? null : args[2].GetString());
                break;
            case "del_word":
                segmenter.DeleteWord(args[0].GetString()!);
                break;
            case "suggest_split":
                Assert.Equal(long.Parse(expected), segmenter.SuggestFrequency(args.Select(a => a.GetString()!).ToArray(), tune: true));
                break;
            case "suggest_join":
                Assert.Equal(long.Parse(expected), segmenter.SuggestFrequency(args[0].GetString()!, tune: true));
                break;
            case "load_userdict":
                using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(args[0].GetString()!)))
                {
                    segmenter.LoadUserDictionary(stream, "inline");
                }

                break;
            default:
                throw new InvalidOperationException("unknown edit " + op);
        }
    }

    private static void AssertCut(JiebaSegmenter segmenter, string[] row)
    {
        string text = JsonSerializer.Deserialize<string>(row[2])!;
        string[] expected = JsonSerializer.Deserialize<string[]>(row[3])!;
        (CutMode mode, bool hmm) = Segmenters.ParseMode(row[1]);
        Assert.True(expected.SequenceEqual(segmenter.Cut(text, mode, hmm)),
            $"{row[0]} ({row[1]}): expected [{string.Join(" / ", expected)}] got [{string.Join(" / ", segmenter.Cut(text, mode, hmm))}]");
    }
}
