using XenActors.Xen.Migration;

namespace XenActors.Xen.Drill;

/// <summary>Shape of a drill over real in-process Xen hosts: guests, memory, workload, link, timeouts.</summary>
public sealed record XenHostDrillOptions
{
    public int Guests { get; init; } = 2;

    public int GuestMemoryMiB { get; init; } = 64;

    public WorkloadOptions Workload { get; init; } = new() { PagesPerSecond = 4000, WorkingSetPages = 4096, KernelFrames = 16 };

    public double PacketsPerSecond { get; init; } = Network.NetworkDefaults.PacketsPerSecond;

    public long LinkBytesPerSecond { get; init; } = MigrationDefaults.LinkBytesPerSecond;

    /// <summary>
    /// xc_domain_save's rules (stop-and-copy at the round limit too, so a loaded machine only lengthens the downtime);
    /// the <c>throttle</c> fault switches to giving up instead. xend destroys the source domain.
    /// </summary>
    public MigrationOptions Migration { get; init; } = new() { DestroySource = false };

    /// <summary>How long xend waits for a xenbus step (pci-attach/-detach) before naming the stuck end.</summary>
    public TimeSpan XendTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the guest has to release its bonded NIC once its unplug is announced.</summary>
    public TimeSpan UnplugAcknowledgeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PartitionTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Warm-up of the first guest; each further guest starts this much later again.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(300);
}
