using XenActors.Actor;
using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>Everything one guest's drill talks to: where it runs and goes, the migration actors, the hot-plug seam, and its network.</summary>
public sealed record DrillGuest
{
    public required string Name { get; init; }

    public required int Domid { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    /// <summary>The bond's MAC: picks this guest's failovers from the event stream.</summary>
    public required string Mac { get; init; }

    public required IActorRef SourceMigration { get; init; }

    public required IActorRef DestinationMigration { get; init; }

    public required Func<IMigrationEndpoint, IMigrationTransport> Link { get; init; }

    public required IDeviceHotplug Hotplug { get; init; }

    public required IActorRef Bond { get; init; }

    public required IActorRef Generator { get; init; }

    public required IActorRef Sink { get; init; }

    /// <summary>netback on the destination: the virtual slave reconnects there when the guest resumes.</summary>
    public required IActorRef DestinationNetback { get; init; }

    public MigrationOptions? Migration { get; init; }

    /// <summary>Called when the guest runs on its new host (host, new domid), e.g. to move its workload.</summary>
    public Action<string, int>? Moved { get; init; }

    /// <summary>The toolstack's relocation step after a completed migration; null when the migration engine destroys the source itself.</summary>
    public IGuestRelocation? Relocation { get; init; }

    /// <summary>Ctrl-C or xenactors drill cancel: the drill rolls back unless the guest already switched over.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Whether the guest's memory holds exactly what its workload wrote, wherever it runs now.</summary>
    public Func<bool>? MemoryIntact { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(300);
}
