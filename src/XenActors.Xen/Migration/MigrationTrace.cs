namespace XenActors.Xen.Migration;

/// <summary>A step of a migration worth showing on a timeline (log-dirty on, round 2 done, suspended, resumed ...).</summary>
public sealed record MigrationTrace(DateTimeOffset At, MigrationSide Side, string Host, string Label)
{
    /// <summary>The migrating guest's name, so several drills can share one event stream.</summary>
    public string Guest { get; init; } = "";
}
