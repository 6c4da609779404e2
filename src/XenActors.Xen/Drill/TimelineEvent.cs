namespace XenActors.Xen.Drill;

/// <summary>Something an actor did at one instant: a xenbus state change, a log-dirty switch, a failover.</summary>
public sealed record TimelineEvent(string Lane, DateTimeOffset At, string Label);
