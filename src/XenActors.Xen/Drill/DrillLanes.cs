namespace XenActors.Xen.Drill;

/// <summary>Timeline lane names: one per actor taking part, named after the real component and where it runs.</summary>
public static class DrillLanes
{
    public static string Drill(string guest) => $"drill@{guest}";

    public static string Xend(string host) => $"xend@{host}";

    /// <summary>The page sender of one guest (xend runs xc_save as its own process per migration).</summary>
    public static string PreCopy(string guest) => $"xc_save@{guest}";

    public static string Pciback(string host) => $"pciback@{host}";

    public static string Hypervisor(string host) => $"hypervisor@{host}";

    public static string Pcifront(string guest) => $"pcifront@{guest}";

    public static string BondPhysical(string guest) => $"bond@{guest}: physical";

    public static string BondVirtual(string guest) => $"bond@{guest}: virtual";
}
