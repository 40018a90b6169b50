using Microsoft.Extensions.Options;
using TextInsight.Grouping;

namespace IntakeService;

/// <summary>
/// Keeps the service's grouper to the messages of the last <see cref="IntakeOptions.IssueRetentionDays"/> days: when
/// the latest message time has moved on by a day since the last pass, messages older than the retention before it are
/// forgotten (<see cref="IssueGrouper.Forget"/>: they stay in their issues but are no longer compared). Measured in
/// message times, not the server clock, so replaying a day's messages gives the same issues whenever it runs.
/// </summary>
internal sealed class IssueRetention(IssueGrouper grouper, IOptions<IntakeOptions> options)
{
    private readonly object _gate = new();
    private DateTimeOffset? _latest;
    private DateTimeOffset? _lastPass;

    /// <summary>Notes a message's time before it is grouped, and forgets what has fallen out of the retention.</summary>
    /// <returns>Messages forgotten by this call.</returns>
    public int Advance(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (_latest is null || time > _latest)
            {
                _latest = time;
            }

            if (_lastPass is { } last && _latest.Value - last < TimeSpan.FromDays(1))
            {
                return 0;
            }

            _lastPass = _latest;
            return grouper.Forget(_latest.Value.AddDays(-options.Value.IssueRetentionDays));
        }
    }
}
