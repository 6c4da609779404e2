using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Xen.Drill;

namespace XenActors.Xen.Tests.Drill;

/// <summary>The default drill over two real in-process Xen hosts (2 guests, 16 MiB each), run once and shared.</summary>
public sealed class XenHostDrillRun : IAsyncLifetime
{
    public ActorSystem System { get; } = ActorSystem.Create("xen-host-drill", new ActorSystemSetup());

    public XenHostDrill Drill { get; private set; } = null!;

    public IReadOnlyList<DrillReport> Reports { get; private set; } = [];

    public IReadOnlyList<string> Violations { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Drill = new XenHostDrill(System, new XenHostDrillOptions { GuestMemoryMiB = 16 });
        await Drill.StartAsync();
        Reports = await Drill.RunAllAsync();
        Violations = await Drill.CheckInvariantsAsync();
        Drill.StopWorkloads();
    }

    public async Task DisposeAsync()
    {
        Drill.StopWorkloads();
        await System.Terminate();
    }
}
