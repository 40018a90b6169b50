using System.Text;
using TextInsight.Jieba.Internal;
using TextInsight.Jieba.Segmentation.Dictionary;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Segmentation;

/// <summary>The embedded (pre-sorted) dictionary is jieba's dict.txt: same entries, frequencies, tags and total.</summary>
public sealed class EmbeddedDataTests
{
    [Fact]
    public void Embedded_dictionary_equals_jieba_dict_txt()
    {
        byte[] upstream = File.ReadAllBytes(Path.Combine(TestPaths.Shared, "jieba", "dict.txt"));
        PrefixDictionary expected = DictionaryParser.ParseMain(upstream, "dict.txt");
        PrefixDictionary embedded = DictionaryParser.ParseMain(EmbeddedData.Mapped("TextInsight.jieba.dict.txt"), "embedded");

        // Numbers from ../shared/jieba/README.md: jieba's total and prefix-dictionary size (+1 for the root).
        Assert.Equal(60_101_967, embedded.Total);
        Assert.Equal(498_113 + 1, embedded.NodeCount);
        Assert.Equal(expected.Total, embedded.Total);
        Assert.Equal(expected.NodeCount, embedded.NodeCount);
        Assert.Equal(349_046, embedded.WordCount);

        foreach (string line in Encoding.UTF8.GetString(upstream).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ');
            int node = embedded.Find(f[0]);
            Assert.True(node != 0, f[0]);
            Assert.Equal(expected.Frequency(expected.Find(f[0])), embedded.Frequency(node));
            Assert.Equal(f[2], embedded.Tag(node));
        }

        // jieba keeps the last of the duplicated lines "B超 3 n".
        Assert.Equal(3, embedded.Frequency(embedded.Find("B超")));
    }
}
