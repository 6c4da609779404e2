namespace XenActors.Benchmarks.Hotplug;

/// <summary>
/// One of issue #5's speed goals beside what this run measured: <paramref name="Met"/> is null when the run did not
/// measure it as the goal states it (the cross-process phase skipped, or not 100 guests in the sustained phase).
/// </summary>
public sealed record HotplugGoal(string Name, string Target, double? Measured, bool? Met);
