namespace XenActors.Benchmarks.Hotplug;

/// <summary>
/// Issue #5's goals on a 2-core machine: cross-process attach p50 at most 5 ms, and at least 500 attach/detach cycles
/// per second in one process with 100 guests. The report says which a run met, so a script need not know them.
/// </summary>
public static class HotplugGoals
{
    public const double CrossProcessAttachP50Ms = 5;
    public const double SustainedCyclesPerSecond = 500;
    public const int SustainedGuests = 100;

    public static IReadOnlyList<HotplugGoal> Evaluate(HotplugReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var attachMs = report.CrossProcess is { } x ? Math.Round(x.AttachP50Us / 1000, 2) : (double?)null;
        var sustained = report.Sustained.Guests == SustainedGuests ? report.Sustained.CyclesPerSecond : (double?)null;
        return
        [
            new("cross_process_attach_p50_ms", $"<= {CrossProcessAttachP50Ms}", attachMs, attachMs is { } a ? a <= CrossProcessAttachP50Ms : null),
            new($"sustained_cycles_per_second_{SustainedGuests}_guests", $">= {SustainedCyclesPerSecond}", sustained, sustained is { } c ? c >= SustainedCyclesPerSecond : null),
        ];
    }
}
