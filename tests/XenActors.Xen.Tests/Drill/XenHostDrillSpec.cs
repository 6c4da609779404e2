using XenActors.Xen.Drill;
using XenActors.Xen.Network;

namespace XenActors.Xen.Tests.Drill;

public sealed class XenHostDrillSpec(XenHostDrillRun run) : IClassFixture<XenHostDrillRun>
{
    [Fact]
    public void Must_complete_both_guests_through_xend_with_identical_memory_and_no_lost_packets()
    {
        Assert.Equal(["guest1", "guest2"], run.Reports.Select(r => r.Guest));
        Assert.All(run.Reports, r =>
        {
            Assert.True(r.Outcome == "completed", r.Reason);
            Assert.True(r.MemoryChecksumMatch);
            Assert.True(r.PacketsSent > 0);
            Assert.Equal(0, r.PacketsLost);
            Assert.Equal(0, r.PacketsDuplicated);
            Assert.True(r.DowntimeMs > 0);
            Assert.Equal(XenHostDrill.HostB, r.RunsOn);
        });
        Assert.Empty(run.Violations);
    }

    [Fact]
    public void Must_move_the_dual_port_nic_and_the_nic_to_matching_functions_at_the_same_virtual_slots()
    {
        Assert.All(run.Reports, r =>
        {
            Assert.Equal(3, r.DevicesBefore.Count);
            Assert.Equal(3, r.DevicesAfter.Count);
            Assert.All(r.DevicesBefore, d => Assert.StartsWith(XenHostDrill.HostA + "/", d, StringComparison.Ordinal));
            Assert.All(r.DevicesAfter, d => Assert.StartsWith(XenHostDrill.HostB + "/", d, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Must_record_real_xenbus_states_of_pciback_and_pcifront_and_the_bond_failover()
    {
        var events = run.Drill.Recorder.Events;
        Assert.Contains(events, e => e.Lane == DrillLanes.Pcifront("guest1") && e.Label == "state=Reconfiguring(7)");
        Assert.Contains(events, e => e.Lane == DrillLanes.Pciback(XenHostDrill.HostA) && e.Label.EndsWith("state-0=Closing(5)", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.Pciback(XenHostDrill.HostB) && e.Label.EndsWith("state=Reconfigured(8)", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.BondVirtual("guest1") && e.Label.StartsWith("active slave Virtual", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Lane == DrillLanes.BondPhysical("guest1") && e.Label.StartsWith("active slave Physical", StringComparison.Ordinal));
        Assert.Equal(NicPath.Physical, run.Drill.BondPath("guest1"));
    }
}
