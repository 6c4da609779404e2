namespace XenActors.Xen.Drill;

/// <summary>The phases of a migration drill, in order (the seed's backup slide: hot-remove → migrate → hot-add).</summary>
public static class DrillPhaseNames
{
    public const string Warmup = "traffic warm-up";
    public const string HotRemove = "hot-remove";
    public const string Migrate = "migrate";
    public const string HotAdd = "hot-add";
    public const string Settle = "traffic settle";
}
