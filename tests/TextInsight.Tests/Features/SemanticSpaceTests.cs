using MathNet.Numerics.LinearAlgebra;
using TextInsight.Features;

namespace TextInsight.Tests.Features;

/// <summary>The latent semantic space: what it learns from co-occurrence, its SVD, its file format.</summary>
public sealed class SemanticSpaceTests
{
    // Two themes whose words never meet in one message, plus words shared by every message.
    private static List<string> ThemedDocuments(int count, int seed)
    {
        string[] water = ["停水", "水压", "自来水", "水管", "水费", "漏水"];
        string[] wages = ["工资", "拖欠", "老板", "工地", "农民工", "劳动"];
        string[] shared = ["请求", "处理", "反映", "小区", "领导"];
        var random = new Random(seed);
        var docs = new List<string>();
        for (int d = 0; d < count; d++)
        {
            string[] theme = d % 2 == 0 ? water : wages;
            IEnumerable<string> words = Enumerable.Range(0, 8).Select(_ => theme[random.Next(theme.Length)])
                .Concat(Enumerable.Range(0, 3).Select(_ => shared[random.Next(shared.Length)]));
            docs.Add(string.Join(' ', words));
        }

        return docs;
    }

    private static float[] Project(SemanticSpace space, string words)
    {
        var z = new float[space.Dimensions];
        space.Project(words, z);
        return z;
    }

    // A small space (3 dimensions over the themed words) and its file bytes.
    private static (SemanticSpace Space, byte[] Bytes) WrittenSpace()
    {
        SemanticSpace space = SemanticSpace.Build(ThemedDocuments(200, 4), 3, 0.5f, 1000, 3, 7)!;
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            space.Write(w);
        }

        return (space, ms.ToArray());
    }

    private static double Cosine(float[] a, float[] b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    [Fact]
    public void Words_of_one_theme_land_together_and_apart_from_the_other_theme()
    {
        SemanticSpace space = SemanticSpace.Build(ThemedDocuments(400, 1), 2, 1f, 1000, 3, 7)!;

        // Messages sharing no word, but words that co-occur in the unlabelled messages.
        float[] water1 = Project(space, "停水 水压"), water2 = Project(space, "水管 漏水");
        float[] wages1 = Project(space, "拖欠 工资"), wages2 = Project(space, "农民工 工地");
        Assert.True(Cosine(water1, water2) > 0.9, $"water/water {Cosine(water1, water2)}");
        Assert.True(Cosine(wages1, wages2) > 0.9, $"wages/wages {Cosine(wages1, wages2)}");
        Assert.True(Cosine(water1, wages1) < 0.5, $"water/wages {Cosine(water1, wages1)}");
    }

    [Fact]
    public void Coordinates_have_the_weight_as_length_and_unknown_words_give_zeros()
    {
        SemanticSpace space = SemanticSpace.Build(ThemedDocuments(200, 2), 4, 0.5f, 1000, 3, 7)!;
        float[] z = Project(space, "停水 停水 工资 没见过的词");
        Assert.Equal(0.5, System.Numerics.Tensors.TensorPrimitives.Norm(z), 4);
        Assert.All(Project(space, "没见过的词 另一个"), v => Assert.Equal(0f, v));
        Assert.All(Project(space, ""), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Too_few_words_for_the_dimensions_give_no_space()
    {
        Assert.Null(SemanticSpace.Build(ThemedDocuments(200, 3), 64, 1f, 1000, 3, 7)); // 17 words < 64 + oversampling
    }

    [Fact]
    public void The_randomized_svd_finds_the_leading_singular_subspace()
    {
        // Random sparse documents over 300 words with a few strong word groups, so leading singular values separate.
        var random = new Random(5);
        var docs = new List<string>();
        for (int d = 0; d < 600; d++)
        {
            int group = d % 5;
            IEnumerable<string> words = Enumerable.Range(0, 12).Select(_ => random.NextDouble() < 0.6
                ? $"g{group}w{random.Next(10)}"
                : $"n{random.Next(250)}");
            docs.Add(string.Join(' ', words));
        }

        SemanticSpace space = SemanticSpace.Build(docs, 4, 1f, 1000, 1, 11)!;
        Matrix<double> a = space.DocumentTermMatrix(docs);
        Matrix<double> exact = a.Svd(computeVectors: true).VT.SubMatrix(0, 4, 0, a.ColumnCount).Transpose();
        Matrix<double> found = space.Basis();

        // Same subspace: projecting the exact vectors onto the found ones keeps (nearly) all their length.
        Matrix<double> overlap = found.TransposeThisAndMultiply(exact);
        for (int c = 0; c < 4; c++)
        {
            Assert.True(overlap.Column(c).L2Norm() > 0.99, $"singular vector {c}: {overlap.Column(c).L2Norm()}");
        }
    }

    [Fact]
    public void A_written_space_reads_back_identically_and_a_truncated_one_is_rejected()
    {
        (SemanticSpace space, byte[] bytes) = WrittenSpace();
        SemanticSpace read = SemanticSpace.Read(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal(space.TermCount, read.TermCount);
        Assert.Equal(space.Weight, read.Weight);
        Assert.Equal(Project(space, "停水 工资 请求"), Project(read, "停水 工资 请求"));

        Assert.Throws<EndOfStreamException>(() => SemanticSpace.Read(new BinaryReader(new MemoryStream(bytes[..(bytes.Length / 2)]))));
        byte[] badVersion = (byte[])bytes.Clone();
        badVersion[0] = 9;
        Assert.Throws<InvalidDataException>(() => SemanticSpace.Read(new BinaryReader(new MemoryStream(badVersion))));
    }

    [Fact]
    public void A_space_holding_an_infinite_or_nan_coordinate_is_rejected_wherever_it_sits()
    {
        (SemanticSpace space, byte[] bytes) = WrittenSpace();
        int halves = space.TermCount * space.Dimensions;
        Assert.True(halves > 40, "enough coordinates for both the vectorised and the scalar check");
        int basisStart = bytes.Length - (2 * halves);
        foreach (Half bad in (Half[])[Half.PositiveInfinity, Half.NegativeInfinity, Half.NaN])
        {
            foreach (int position in (int[])[0, halves / 2, halves - 1])
            {
                byte[] damaged = (byte[])bytes.Clone();
                BitConverter.TryWriteBytes(damaged.AsSpan(basisStart + (2 * position)), bad);
                Assert.Throws<InvalidDataException>(() => SemanticSpace.Read(new BinaryReader(new MemoryStream(damaged))));
            }
        }

        Assert.Equal(space.TermCount, SemanticSpace.Read(new BinaryReader(new MemoryStream(bytes))).TermCount);
    }
}
