namespace XenActors.Xen.Migration;

/// <summary>What a simulated guest workload does to its memory.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Page writes per second while the guest runs.</summary>
    public double PagesPerSecond { get; init; } = 2000;

    /// <summary>
    /// The pages it writes to, counted from frame 0 (its hot data); null means all of memory. A small working
    /// set re-dirties the same pages, which is what lets pre-copy converge.
    /// </summary>
    public int? WorkingSetPages { get; init; }

    /// <summary>
    /// Frames below this belong to the guest kernel (e.g. pcifront's shared pci-op page): the workload neither
    /// writes nor checks them, so <see cref="DirtyingWorkload.MemoryIntact"/> compares only its own pages.
    /// </summary>
    public int KernelFrames { get; init; }

    /// <summary>Seeds page choice and content, so a run is replayable.</summary>
    public int Seed { get; init; } = 2008;
}
