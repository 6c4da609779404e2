using XenActors.Actor;
using XenActors.Dispatch;
using XenActors.Xen.Drill;

namespace XenActors.Hosting.Drill;

/// <summary>
/// Runs the in-process drill (two hosts, N guests) on a deterministic system: one thread, virtual time, so the
/// same options print the same report. Hot-plug goes through the simulated xenbus path; migration, bond and
/// traffic are the real engines.
/// </summary>
public static class EmbeddedDrill
{
    public sealed record Result(IReadOnlyList<DrillReport> Reports, string Json, string Html);

    public static Result Run(InProcessDrillOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var world = new DeterministicSystem("drill");
        var reports = new List<DrillReport>();
        using var subscription = world.System.EventStream.Subscribe<DrillReport>(r =>
        {
            reports.Add(r);
            progress?.Invoke($"{r.Guest}: {r.Outcome}, downtime {r.DowntimeMs:0.0} ms, {r.PacketsLost} packets lost");
        });
        var drill = new InProcessDrill(world.System, options);
        progress?.Invoke($"running {options.Guests} guest drill(s): hot-remove -> migrate {InProcessDrill.SourceHost} -> {InProcessDrill.DestinationHost} -> hot-add");
        drill.Start(ActorRefs.Nobody);
        world.RunUntil(() => reports.Count == options.Guests, TimeSpan.FromMinutes(10));
        drill.StopWorkloads();
        var ordered = reports.OrderBy(r => r.Guest, StringComparer.Ordinal).ToList();
        return new Result(
            ordered,
            DrillReportJson.Serialize(ordered),
            DrillTimelineHtml.Render(drill.Recorder, ordered, "XenActors migration drill: hot-remove → live-migrate → hot-add"));
    }
}
