namespace TextInsight.Tests.Infrastructure;

/// <summary>The labelled messages of ../shared/data, joined as `textinsight train --join` does (read at test time, never copied).</summary>
internal static class SharedData
{
    private static readonly Lazy<Dictionary<string, (string Title, string Text)>> s_messages = new(() =>
        File.ReadAllLines(Path.Combine(TestPaths.Shared, "data", "messages.tsv")).Skip(1)
            .Select(l => l.Split('\t')).ToDictionary(f => f[0], f => (f[3], f[4])));

    internal static List<LabelledFeedback> Taxonomy() =>
        File.ReadAllLines(Path.Combine(TestPaths.Shared, "data", "taxonomy_labels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(f => new LabelledFeedback(s_messages.Value[f[0]].Title, s_messages.Value[f[0]].Text,
                f[1] == "-" ? [] : f[1].Split(','), f[2], f[3])).ToList();

    /// <summary>Every message as `train --unlabelled messages.tsv --title-column title` reads it (title。text).</summary>
    internal static List<string> Unlabelled() =>
        s_messages.Value.Values.Select(m => m.Title.Length == 0 ? m.Text : m.Title + "。" + m.Text).ToList();

    internal static List<LabelledText> Departments() =>
        File.ReadAllLines(Path.Combine(TestPaths.Shared, "data", "dept7_labels.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(f => new LabelledText(s_messages.Value[f[0]].Title, s_messages.Value[f[0]].Text, [f[1]])).ToList();
}
