using XenActors.Actor;
using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>One guest of a drill world between drills: where it runs, its workload and its network.</summary>
public sealed class DrillGuestRuntime
{
    public required string Name { get; init; }

    public required string Mac { get; init; }

    public required DirtyingWorkload Workload { get; init; }

    public required BondedNicDriver Driver { get; init; }

    public required IActorRef Bond { get; init; }

    public required IActorRef Generator { get; init; }

    public required IActorRef Sink { get; init; }

    /// <summary>netback per host: the virtual slave reconnects to the one where the guest resumes.</summary>
    public required IReadOnlyDictionary<string, IActorRef> Netbacks { get; init; }

    public string Host { get; set; } = "";

    public int Domid { get; set; }

    /// <summary>The link of the drill running now (faults act on it).</summary>
    public SimulatedMigrationLink? Link { get; set; }
}
