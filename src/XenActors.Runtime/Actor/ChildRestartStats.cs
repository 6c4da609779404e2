namespace XenActors.Actor;

/// <summary>Counts a child's restarts inside the strategy's time window (Akka's ChildRestartStats).</summary>
public sealed class ChildRestartStats
{
    private DateTimeOffset _windowStart;

    internal ChildRestartStats(IActorRef child) => Child = child;

    public IActorRef Child { get; }
    public int RestartCount { get; private set; }

    /// <summary>True if another restart is allowed; null or negative limits mean unlimited.</summary>
    public bool RequestRestartPermission(int? maxRetries, TimeSpan? within, DateTimeOffset now)
    {
        var max = maxRetries is null or < 0 ? (int?)null : maxRetries;
        var window = within is { } w && w > TimeSpan.Zero ? w : (TimeSpan?)null;
        if (max is null && window is null) return true;
        if (max == 0) return false;
        if (window is null)
        {
            RestartCount++;
            return RestartCount <= max;
        }
        if (RestartCount == 0 || now - _windowStart > window)
        {
            _windowStart = now;
            RestartCount = 1;
            return true;
        }
        RestartCount++;
        return max is null || RestartCount <= max;
    }
}
