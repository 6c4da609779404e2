namespace XenActors.Xen.Drill;

/// <summary>The phases of a migration drill, in order (the seed's backup slide: hot-remove → migrate → hot-add).</summary>
public static class DrillPhaseNames
{
    public const string Warmup = "traffic warm-up";
    public const string HotRemove = "hot-remove";
    public const string Migrate = "migrate";
    public const string HotAdd = "hot-add";
    /// <summary>Instead of hot-add when the drill failed or was cancelled before switch-over: the devices go back on the source.</summary>
    public const string Rollback = "rollback";
    public const string Settle = "traffic settle";
}
