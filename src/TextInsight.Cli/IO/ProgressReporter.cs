using System.Diagnostics;
using System.Globalization;

namespace TextInsight.Cli.IO;

/// <summary>
/// Progress on stderr: a live line with rows/s, share of the input read and ETA on a terminal; a plain
/// line every few seconds when stderr is redirected (logs stay readable).
/// </summary>
internal sealed class ProgressReporter(Func<double?> fractionRead, string verb = "classified")
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _last = TimeSpan.Zero;

    internal TimeSpan Elapsed => _clock.Elapsed;

    internal void Report(long rows, bool final = false)
    {
        TimeSpan now = _clock.Elapsed;
        TimeSpan every = _terminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
        if (!final && now - _last < every)
        {
            return;
        }

        _last = now;
        double rate = rows / Math.Max(now.TotalSeconds, 1e-6);
        double? fraction = fractionRead();
        string eta = fraction is > 0.001 and < 1 ? $", ETA {TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction.Value) / fraction.Value):hh\\:mm\\:ss}" : "";
        string pct = fraction is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {Math.Min(1, fraction.Value):P0} of input");
        string line = string.Create(CultureInfo.InvariantCulture, $"{verb} {rows:N0} rows ({rate:N0} rows/s{pct}{eta})");
        if (_terminal)
        {
            Console.Error.Write("\r" + Bar(fraction) + " " + line + "   ");
            if (final)
            {
                Console.Error.WriteLine();
            }
        }
        else
        {
            Console.Error.WriteLine(line);
        }
    }

    private static string Bar(double? fraction)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction ?? 0, 0, 1) * 20);
        return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
    }
}
