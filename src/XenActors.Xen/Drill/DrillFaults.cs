namespace XenActors.Xen.Drill;

/// <summary>The command-line names of <see cref="DrillFault"/> (kebab case).</summary>
public static class DrillFaults
{
    private static readonly Dictionary<string, DrillFault> ByName = new(StringComparer.Ordinal)
    {
        ["none"] = DrillFault.None,
        ["no-matching-device"] = DrillFault.NoMatchingDevice,
        ["unplug-timeout"] = DrillFault.UnplugTimeout,
        ["kill-destination"] = DrillFault.KillDestination,
        ["kill-source-driver"] = DrillFault.KillSourceDriver,
        ["partition"] = DrillFault.Partition,
        ["throttle"] = DrillFault.Throttle,
    };

    /// <summary>Every injectable fault (not <see cref="DrillFault.None"/>).</summary>
    public static IReadOnlyList<DrillFault> All { get; } = [.. ByName.Values.Where(f => f != DrillFault.None)];

    public static IReadOnlyList<string> Names => [.. ByName.Keys];

    public static string Name(DrillFault fault) => ByName.First(p => p.Value == fault).Key;

    public static bool TryParse(string? text, out DrillFault fault) => ByName.TryGetValue(text ?? "", out fault);
}
