namespace XenActors.Benchmarks.Hotplug;

/// <summary>One guest, one function, attach then detach, one after the other: microsecond quantiles.</summary>
public sealed record HotplugLatency
{
    public int Cycles { get; init; }

    public double AttachP50Us { get; init; }

    public double AttachP99Us { get; init; }

    public double DetachP50Us { get; init; }

    public double DetachP99Us { get; init; }

    public double CycleP50Us { get; init; }

    public double CycleP99Us { get; init; }
}
