using System.Globalization;
using TextInsight.Grouping;

namespace TextInsight.Benchmarks.Harness;

/// <summary>
/// Messages for scaling runs, synthesised at run time from ../shared/data/messages.tsv (never written to the repo):
/// message i is real message i mod N, shifted by (i / N) weeks, with a span of its text deleted, a fragment of
/// another message inserted and its digits changed, so that copies are near repeats rather than duplicates.
/// </summary>
public static class SyntheticMessages
{
    private static readonly Lazy<(string Id, string Title, string Text, DateTimeOffset Time)[]> s_real = new(Load);

    /// <summary>The real messages the synthetic ones are made from.</summary>
    public static int RealCount => s_real.Value.Length;

    /// <summary>The first <paramref name="count"/> synthetic messages (the same for every run: seeded by index).</summary>
    public static IEnumerable<IssueMessage> Generate(int count)
    {
        var real = s_real.Value;
        for (int i = 0; i < count; i++)
        {
            var (id, title, text, time) = real[i % real.Length];
            int copy = i / real.Length;
            if (copy == 0)
            {
                yield return new IssueMessage(id, text, title, time);
                continue;
            }

            var rng = new Random(i);
            string body = text;
            if (body.Length > 40)
            {
                int cut = rng.Next(body.Length - 20);
                body = body.Remove(cut, Math.Min(rng.Next(5, 20), body.Length - cut));
            }

            string other = real[rng.Next(real.Length)].Text;
            if (other.Length > 30)
            {
                int at = rng.Next(body.Length + 1);
                body = body.Insert(at, other.Substring(rng.Next(other.Length - 30), rng.Next(10, 30)));
            }

            body = string.Create(body.Length, (body, rng.Next(10)), static (span, state) =>
            {
                for (int k = 0; k < span.Length; k++)
                {
                    char c = state.body[k];
                    span[k] = c is >= '0' and <= '9' ? (char)('0' + ((c - '0' + state.Item2) % 10)) : c;
                }
            });
            string t = rng.Next(4) == 0 ? "" : title;
            yield return new IssueMessage(id + "-" + copy.ToString(CultureInfo.InvariantCulture), body, t, time.AddDays(7 * copy));
        }
    }

    private static (string, string, string, DateTimeOffset)[] Load()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "TextInsight.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("TextInsight.sln not found");
        }

        string path = Path.Combine(dir, "..", "shared", "data", "messages.tsv");
        var epoch = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(f => f.Length >= 5)
            .Select(f => (f[0], f[3], f[4], DateTimeOffset.TryParse(f[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : epoch))];
    }
}
