namespace XenActors.Benchmarks.Hotplug;

/// <summary>What <c>xenactors bench hotplug</c> prints.</summary>
public sealed record HotplugReport
{
    public required HotplugLatency Single { get; init; }

    public required HotplugThroughput Sustained { get; init; }

    /// <summary>Ask round trip to a do-nothing actor in the same system, p50 (the floor).</summary>
    public double AskFloorP50Us { get; init; }

    /// <summary>A single-guest cycle's p50 in floor Asks: how many hops' worth of time a cycle costs.</summary>
    public double CycleP50InAsks { get; init; }

    public double TotalSeconds { get; init; }

    /// <summary>The same attach and detach on a split host, each domain its own process (null when skipped).</summary>
    public XenActors.Hosting.Node.Bench.CrossProcessHotplugReport? CrossProcess { get; init; }

    /// <summary>Issue #5's goals and whether this run met them (<see cref="HotplugGoals"/>).</summary>
    public IReadOnlyList<HotplugGoal> Goals { get; init; } = [];
}
