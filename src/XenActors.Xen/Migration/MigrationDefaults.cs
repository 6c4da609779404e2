namespace XenActors.Xen.Migration;

/// <summary>
/// The numbers live migration is tuned by, in one place. Where Xen or QEMU has a default, it is that one;
/// the round limit is lower than xc_domain_save's 29 iterations so drills finish quickly.
/// </summary>
public static class MigrationDefaults
{
    /// <summary>Rounds in all, the stop-and-copy one included.</summary>
    public const int MaxRounds = 5;

    /// <summary>xc_domain_save goes to its last iteration once fewer than 50 pages were dirtied in one.</summary>
    public const int DirtyPageThreshold = 50;

    /// <summary>QEMU's default max downtime: stop and copy once the dirty set can be sent in this time.</summary>
    public static readonly TimeSpan DowntimeTarget = TimeSpan.FromMilliseconds(300);

    /// <summary>xc_domain_save's MAX_BATCH_SIZE: pages per batch on the wire.</summary>
    public const int PagesPerBatch = 1024;

    /// <summary>Each page travels with its 8-byte pfn entry, as in the save format's batch header.</summary>
    public const int PfnEntryBytes = 8;

    /// <summary>A 1 Gbit/s relocation link.</summary>
    public const long LinkBytesPerSecond = 125_000_000;

    /// <summary>One-way latency of a LAN link.</summary>
    public static readonly TimeSpan LinkLatency = TimeSpan.FromMilliseconds(0.2);

    /// <summary>How long a sender waits for a reply over a partitioned link before it gives up (a TCP-ish timeout).</summary>
    public static readonly TimeSpan PartitionTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How often a simulated guest workload writes its pages.</summary>
    public static readonly TimeSpan WorkloadTick = TimeSpan.FromMilliseconds(10);
}
