using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>Shape of an in-process drill: how many guests, how big, how busy, and the link between the hosts.</summary>
public sealed record InProcessDrillOptions
{
    public int Guests { get; init; } = 2;

    public int GuestMemoryMiB { get; init; } = 64;

    public WorkloadOptions Workload { get; init; } = new() { PagesPerSecond = 4000, WorkingSetPages = 4096 };

    public double PacketsPerSecond { get; init; } = Network.NetworkDefaults.PacketsPerSecond;

    public long LinkBytesPerSecond { get; init; } = MigrationDefaults.LinkBytesPerSecond;

    public MigrationOptions Migration { get; init; } = new();

    /// <summary>Wraps each guest's relocation link, e.g. to tamper with pages on the wire; null leaves it as it is.</summary>
    public Func<IMigrationTransport, IMigrationTransport>? Wire { get; init; }

    /// <summary>Warm-up of the first guest; each further guest starts this much later again, so drills overlap but are told apart.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(300);
}
