using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Xen.Drill;

namespace XenActors.Hosting.Drill;

/// <summary>
/// Runs a drill over two real in-process Xen hosts (xend, pciback in a driver domain, pcifront, XenStore,
/// hypervisor) on the real dispatcher and clock: every guest from host-a to host-b, or one guest to a host.
/// Progress lines (phase, round, dirty pages, bytes) go to <c>progress</c> as they happen.
/// </summary>
public static class EmbeddedDrill
{
    public sealed record Result(IReadOnlyList<DrillReport> Reports, string Json, string Html, TimeSpan Elapsed);

    public static async Task<Result> RunAsync(XenHostDrillOptions options, DrillFault fault = DrillFault.None, string? guest = null, string? to = null, Action<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var system = ActorSystem.Create("drill", new ActorSystemSetup());
        try
        {
            using var lines = system.EventStream.Subscribe<DrillProgress>(p => progress?.Invoke($"{p.Guest} [{p.Phase}] {p.Line}"));
            var drill = new XenHostDrill(system, options);
            var started = DateTime.UtcNow;
            await drill.StartAsync();
            progress?.Invoke($"booted {XenHostDrill.HostA} and {XenHostDrill.HostB}; {options.Guests} guest(s) on {XenHostDrill.HostA} with a dual-port NIC and a bonded NIC each");
            IReadOnlyList<DrillReport> reports = guest is null
                ? await drill.RunAllAsync(fault, cancellation)
                : [await drill.RunAsync(guest, to ?? XenHostDrill.OtherHost(XenHostDrill.HostA), fault, cancellation)];
            drill.StopWorkloads();
            var elapsed = DateTime.UtcNow - started;
            return new Result(
                reports,
                DrillReportJson.Serialize(reports),
                DrillTimelineHtml.Render(drill.Recorder, reports, "XenActors migration drill: hot-remove → live-migrate → hot-add (xend, pciback, pcifront)"),
                elapsed);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
