namespace XenActors.Benchmarks.Hotplug;

/// <summary>Many guests, each cycling its own function with one command outstanding, all at once.</summary>
public sealed record HotplugThroughput
{
    public int Guests { get; init; }

    public long Cycles { get; init; }

    public double Seconds { get; init; }

    public double CyclesPerSecond { get; init; }
}
