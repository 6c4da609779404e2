namespace XenActors.Xen.Hypervisor;

/// <summary>Sizing and policy of one emulated host. Defaults follow Xen/libxl defaults where one exists.</summary>
public sealed record HypervisorOptions
{
    /// <summary>Machine memory of the host, from which every domain's frames are taken.</summary>
    public int HostMemoryMiB { get; init; } = 64 * 1024;

    public int Dom0MemoryMiB { get; init; } = 1024;

    public int Dom0Vcpus { get; init; } = 4;

    /// <summary>Highest usable event-channel port per domain (libxl's default <c>event_channels</c> is 1023).</summary>
    public int MaxEventChannelPort { get; init; } = 1023;

    /// <summary>Grant entries per domain: 32 v1 grant frames of 512 entries (Xen's default max_grant_frames).</summary>
    public int MaxGrantEntries { get; init; } = 32 * 512;

    public int MaxVcpus { get; init; } = 128;

    public InterruptDeliveryPolicy InterruptDelivery { get; init; } = InterruptDeliveryPolicy.Vcpu0ThenRedirect;

    /// <summary>How many recent <see cref="HypervisorEvent"/>s and IOMMU faults are kept.</summary>
    public int EventLogCapacity { get; init; } = 4096;

    /// <summary>Time source for event timestamps; injected so tests and replays stay deterministic.</summary>
    public Func<TimeSpan>? Clock { get; init; }
}
