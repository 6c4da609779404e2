using XenActors.Actor;
using XenActors.Xen.Drill;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Tests.Migration;

namespace XenActors.Xen.Tests.Drill;

public sealed class DrillChecksumMismatchSpec
{
    [Fact]
    public void Must_report_a_failure_after_switch_over_with_the_guest_and_its_devices_on_the_destination_when_a_page_is_corrupted_in_flight()
    {
        using var world = new VirtualWorld();
        var reports = new List<DrillReport>();
        using var subscription = world.System.EventStream.Subscribe<DrillReport>(reports.Add);
        CorruptingTransport? wire = null;
        var drill = new InProcessDrill(world.System, new InProcessDrillOptions
        {
            Guests = 1,
            GuestMemoryMiB = 16,
            // gfn 3000 lies outside the working set: sent once in round 1, never again, so the corruption stays.
            Workload = new WorkloadOptions { PagesPerSecond = 4000, WorkingSetPages = 1024 },
            Wire = link => wire = new CorruptingTransport(link, gfn: 3000),
        });
        drill.Start(ActorRefs.Nobody);
        world.RunUntil(() => reports.Count == 1, TimeSpan.FromMinutes(2));
        drill.StopWorkloads();

        var report = reports[0];
        Assert.True(wire!.Corrupted);
        Assert.Equal("failed", report.Outcome);
        Assert.False(report.MemoryChecksumMatch);
        Assert.Contains("checksum differs after switch-over", report.Reason, StringComparison.Ordinal);
        Assert.True(report.DowntimeMs > 0);
        // After switch-over the drill finishes on the destination: running there, with a matching device hot-added.
        Assert.Equal(InProcessDrill.DestinationHost, report.RunsOn);
        Assert.Equal([DrillPhaseNames.Warmup, DrillPhaseNames.HotRemove, DrillPhaseNames.Migrate, DrillPhaseNames.HotAdd, DrillPhaseNames.Settle], report.Phases.Select(p => p.Name));
        Assert.StartsWith(InProcessDrill.DestinationHost + "/", Assert.Single(report.DevicesAfter), StringComparison.Ordinal);
        var onDestination = Assert.Single(drill.Hosts[InProcessDrill.DestinationHost].Run(hv => hv.Domains.Where(d => d.Name == "guest1").ToList()));
        Assert.Equal(DomainState.Running, onDestination.State);
        Assert.Single(onDestination.AssignedDevices);
        Assert.Empty(drill.Hosts[InProcessDrill.SourceHost].Run(hv => hv.Domains.Where(d => d.Name == "guest1").ToList()));
    }
}
