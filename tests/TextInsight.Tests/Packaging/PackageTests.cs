using System.IO.Compression;
using TextInsight.Tests.Infrastructure;

namespace TextInsight.Tests.Packaging;

/// <summary>Packs the two libraries and the CLI tool once into a temporary local feed.</summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("ti-pack").FullName;
        Feed = Path.Combine(Root, "feed");
        foreach (string project in new[] { "src/TextInsight.Jieba/TextInsight.Jieba.csproj", "src/TextInsight/TextInsight.csproj", "src/TextInsight.Cli/TextInsight.Cli.csproj" })
        {
            CliRunner.Result pack = ProcessRunner.Run("dotnet", TestPaths.RepoRoot, TimeSpan.FromMinutes(5),
                "pack", project, "-c", "Release", "-o", Feed, "-p:PackageVersion=" + Version);
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.StdOut + pack.StdErr);
            }
        }
    }

    /// <summary>
    /// A version of this run alone: NuGet's global packages folder never re-extracts a version it holds, so a fixed one
    /// would let a consumer restore a stale package packed by an earlier run.
    /// </summary>
    public static readonly string Version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Root { get; }

    public string Feed { get; }

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        // This run's packages, extracted into the global packages folder by the consumers' restores.
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "textinsight", "textinsight.jieba", "textinsight.cli" })
        {
            string extracted = Path.Combine(packages, id, Version);
            if (Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }
}

/// <summary>
/// What users install: each library package (embedded data, model, XML docs, notices) used from a fresh console
/// project, and the CLI tool installed with `dotnet tool install`.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class PackageTests(PackedFeed packed) : IClassFixture<PackedFeed>
{
    [Theory]
    [InlineData("TextInsight.Jieba")]
    [InlineData("TextInsight")]
    public void Each_library_package_holds_its_assembly_docs_notices_and_readme(string id)
    {
        using ZipArchive nupkg = ZipFile.OpenRead(Path.Combine(packed.Feed, $"{id}.{PackedFeed.Version}.nupkg"));
        string[] entries = nupkg.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.xml", entries);
        Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
        Assert.Contains("PACKAGE.md", entries);
    }

    [Fact]
    public void The_jieba_package_depends_on_nothing_and_the_main_package_depends_on_it()
    {
        Assert.Empty(Dependencies("TextInsight.Jieba"));
        string[] main = Dependencies("TextInsight");
        Assert.Contains("TextInsight.Jieba", main);
        Assert.Contains("Microsoft.ML", main);
    }

    [Fact]
    public void A_fresh_console_project_segments_tags_and_extracts_keywords_with_the_jieba_package_alone()
    {
        string app = Consumer("jieba-consumer", "TextInsight.Jieba", """
            using TextInsight.Jieba.Keywords;
            using TextInsight.Jieba.Segmentation;
            using TextInsight.Jieba.Segmentation.PosTagging;
            Console.WriteLine(string.Join("/", JiebaSegmenter.Create().Cut("我来到北京清华大学")));
            Console.WriteLine(string.Join(" ", PosTagger.Create().Tag("我爱北京天安门").Select(t => $"{t.Word}/{t.Tag}")));
            Console.WriteLine(KeywordExtractor.Create().ExtractTfIdf("小区物业乱收费，停车费涨了一倍，业主多次反映物业乱收费", 1)[0].Word);
            """, out string[] lines);
        Assert.Equal("我/来到/北京/清华大学", lines[^3]);
        Assert.Equal("我/r 爱/v 北京/ns 天安门/ns", lines[^2]);
        Assert.Equal("乱收费", lines[^1]);
        // Nothing of the classifier's machinery came with it.
        string assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.DoesNotContain("Microsoft.ML", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("MathNet", assets, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_console_project_consumes_the_package()
    {
        Consumer("consumer", "TextInsight", """
            using TextInsight.Classification;
            using TextInsight.Jieba.Segmentation;
            var r = FeedbackClassifier.LoadDefault().Classify("拖欠工资", "老板拖欠我们二十多个农民工的工资，快过年了还不给。");
            Console.WriteLine($"{r.Primary}|{r.Urgency}");
            Console.WriteLine(string.Join("/", JiebaSegmenter.Create().Cut("我来到北京清华大学")));
            """, out string[] lines);
        Assert.Equal("employment|high", lines[^2]);
        Assert.Equal("我/来到/北京/清华大学", lines[^1]);
    }

    // The package ids a library package's nuspec lists as dependencies.
    private string[] Dependencies(string id)
    {
        using ZipArchive nupkg = ZipFile.OpenRead(Path.Combine(packed.Feed, $"{id}.{PackedFeed.Version}.nupkg"));
        using Stream nuspec = nupkg.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return [.. System.Xml.Linq.XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!)];
    }

    // A console project referencing one package of the feed, run; its standard output lines.
    private string Consumer(string name, string package, string program, out string[] lines)
    {
        string app = Path.Combine(packed.Root, name);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"),
            $"<configuration><packageSources><add key=\"local\" value=\"{packed.Feed}\" /></packageSources></configuration>");
        File.WriteAllText(Path.Combine(app, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageReference Include="{package}" Version="{PackedFeed.Version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        // Keep the repo's Directory.Build.props and central package versions out of the consumer.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");

        CliRunner.Result run = ProcessRunner.Run("dotnet", app, TimeSpan.FromMinutes(5), "run", "-c", "Release");
        Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
        lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return app;
    }
    [Fact]
    public void Packed_tool_installs_and_classifies_the_samples()
    {
        string tools = Path.Combine(packed.Root, "tools");
        CliRunner.Result install = ProcessRunner.Run("dotnet", packed.Root, TimeSpan.FromMinutes(5),
            "tool", "install", "TextInsight.Cli", "--version", PackedFeed.Version, "--add-source", packed.Feed, "--tool-path", tools);
        Assert.True(install.ExitCode == 0, install.StdOut + install.StdErr);

        string output = Path.Combine(packed.Root, "out.csv");
        CliRunner.Result run = ProcessRunner.Run(Path.Combine(tools, "textinsight"), packed.Root, TimeSpan.FromMinutes(2),
            "classify", "--input", Path.Combine(TestPaths.RepoRoot, "samples", "messages.csv"), "--output", output, "--title-column", "title");
        Assert.True(run.ExitCode == 0, run.StdErr);
        string[] lines = File.ReadAllLines(output);
        Assert.Equal(31, lines.Length);
        Assert.StartsWith("id,primary,topics,urgency", lines[0], StringComparison.Ordinal);
    }
}
