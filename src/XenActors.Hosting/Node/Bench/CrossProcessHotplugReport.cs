using System.Text.Json.Serialization;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// PV attach and detach as xm sees them on a split host: dom0, the xen node (hypervisor, XenStore), the driver
/// domain and the guest each in a process of their own; microsecond quantiles of the xm round trip.
/// </summary>
public sealed record CrossProcessHotplugReport
{
    public int Cycles { get; init; }

    /// <summary>Unmeasured cycles run first (see <see cref="CrossProcessHotplugBench.DefaultWarmup"/>).</summary>
    public int WarmupCycles { get; init; }

    /// <summary>Processes the host ran as (xen, dom0, driver, one guest).</summary>
    public int Processes { get; init; }

    public double AttachP50Us { get; init; }

    public double AttachP99Us { get; init; }

    public double DetachP50Us { get; init; }

    public double DetachP99Us { get; init; }

    /// <summary>p50 of a round trip over one bare TCP connection to another process on loopback, measured in the same run.</summary>
    public double FloorRoundTripP50Us { get; init; }

    /// <summary>p50 of one remoting round trip between the bench's process and the xen node (Identify).</summary>
    public double RemotingRoundTripP50Us { get; init; }

    /// <summary>
    /// CPU time the node processes used per measured cycle (one attach and one detach), all four together: the work a
    /// cycle costs. On a machine whose load comes and goes it is steadier than the latencies, which it bounds from below
    /// once the nodes keep both cores busy.
    /// </summary>
    public double NodeCpuPerCycleUs { get; init; }

    /// <summary>The attach p50 in bare round trips: how many sequential crossings an attach costs at floor speed.</summary>
    public double AttachInFloorRoundTrips { get; init; }

    /// <summary>With <c>--crossings</c>: what an attach costs in crossings between processes, from the nodes' message traces.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CrossingReport? AttachCrossings { get; init; }
}
