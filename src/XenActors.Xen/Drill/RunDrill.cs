namespace XenActors.Xen.Drill;

/// <summary>To a <see cref="MigrationDrillActor"/>: run the drill once; the sender gets the <see cref="DrillReport"/>.</summary>
public sealed record RunDrill
{
    public static RunDrill Instance { get; } = new();
}
