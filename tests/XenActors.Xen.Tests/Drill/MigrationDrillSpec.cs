using XenActors.Xen.Drill;
using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Tests.Drill;

public sealed class MigrationDrillSpec(SampleDrillRun run) : IClassFixture<SampleDrillRun>
{
    [Fact]
    public void Must_complete_every_guest_with_identical_memory_and_no_lost_or_duplicated_packets()
    {
        Assert.Equal(["guest1", "guest2"], run.Reports.Select(r => r.Guest));
        Assert.All(run.Reports, r =>
        {
            Assert.Equal("completed", r.Outcome);
            Assert.True(r.MemoryChecksumMatch);
            Assert.True(r.PacketsSent > 0);
            Assert.Equal(0, r.PacketsLost);
            Assert.Equal(0, r.PacketsDuplicated);
            Assert.True(r.DowntimeMs > 0);
            Assert.NotEmpty(r.Rounds);
            Assert.True(r.Rounds[^1].StopAndCopy);
        });
    }

    [Fact]
    public void Must_run_the_phases_in_the_seed_order()
    {
        Assert.All(run.Reports, r =>
        {
            Assert.Equal([DrillPhaseNames.Warmup, DrillPhaseNames.HotRemove, DrillPhaseNames.Migrate, DrillPhaseNames.HotAdd, DrillPhaseNames.Settle], r.Phases.Select(p => p.Name));
            for (var i = 1; i < r.Phases.Count; i++)
            {
                Assert.Equal(r.Phases[i - 1].End, r.Phases[i].Start);
            }
        });
    }

    [Fact]
    public void Must_move_the_pass_through_device_from_the_source_host_to_a_matching_one_on_the_destination()
    {
        Assert.All(run.Reports, r =>
        {
            Assert.Single(r.DevicesBefore);
            Assert.Single(r.DevicesAfter);
            Assert.StartsWith(InProcessDrill.SourceHost + "/", r.DevicesBefore[0], StringComparison.Ordinal);
            Assert.StartsWith(InProcessDrill.DestinationHost + "/", r.DevicesAfter[0], StringComparison.Ordinal);
        });
        var destination = run.Drill.Hosts[InProcessDrill.DestinationHost].Run(hv => hv.Domains.Where(d => d.Name.StartsWith("guest", StringComparison.Ordinal)).ToList());
        Assert.Equal(2, destination.Count);
        Assert.All(destination, d =>
        {
            Assert.Equal(DomainState.Running, d.State);
            Assert.Single(d.AssignedDevices);
        });
        Assert.Empty(run.Drill.Hosts[InProcessDrill.SourceHost].Run(hv => hv.Domains.Where(d => d.Name.StartsWith("guest", StringComparison.Ordinal)).ToList()));
    }

    [Fact]
    public void Must_record_the_failover_to_the_virtual_path_and_the_return_to_the_physical_one()
    {
        var events = run.Drill.Recorder.Events;
        Assert.Contains(events, e => e.Lane == DrillLanes.BondVirtual("guest1") && e.Label.StartsWith("active slave Virtual", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.BondPhysical("guest1") && e.Label.StartsWith("active slave Physical", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.Pcifront("guest1") && e.Label.StartsWith("Reconfiguring(7)", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.Hypervisor(InProcessDrill.SourceHost) && e.Label.Contains("log-dirty on", StringComparison.Ordinal));
    }
}
