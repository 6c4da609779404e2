using System.Globalization;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Xen.Drill;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Network;

namespace XenActors.Xen.Tests.Drill;

/// <summary>
/// Issue #7 point 4: one drill of guest1 from host-a to host-b per injected fault, over real in-process hosts,
/// and the end state: where the guest runs, the functions it owns, both pools, XenStore on both hosts, the bond
/// path and its memory.
/// </summary>
public sealed class DrillFaultSpec : IAsyncLifetime
{
    private readonly ActorSystem system = ActorSystem.Create("drill-faults", new ActorSystemSetup());
    private XenHostDrill drill = null!;

    public async Task InitializeAsync()
    {
        drill = new XenHostDrill(system, new XenHostDrillOptions { Guests = 1, GuestMemoryMiB = 16 });
        await drill.StartAsync();
    }

    public async Task DisposeAsync()
    {
        drill.StopWorkloads();
        await system.Terminate();
    }

    [Fact]
    public Task Must_refuse_before_any_change_when_the_destination_has_no_matching_device() =>
        AssertRolledBack(DrillFault.NoMatchingDevice, "refused", "no free device matching");

    [Fact]
    public Task Must_give_back_what_was_removed_when_the_guest_does_not_acknowledge_the_unplug() =>
        AssertRolledBack(DrillFault.UnplugTimeout, "failed", "did not acknowledge the unplug");

    [Fact]
    public Task Must_stay_on_the_source_with_its_devices_when_the_destination_dies_mid_copy() =>
        AssertRolledBack(DrillFault.KillDestination, "failed", "connection reset");

    [Fact]
    public Task Must_stay_on_the_source_with_its_devices_when_the_hosts_are_partitioned_during_pre_copy() =>
        AssertRolledBack(DrillFault.Partition, "failed", "partitioned");

    [Fact]
    public Task Must_stay_on_the_source_with_its_devices_when_a_throttled_link_keeps_pre_copy_from_converging() =>
        AssertRolledBack(DrillFault.Throttle, "failed", "did not converge");

    [Fact]
    public async Task Must_finish_on_the_destination_with_devices_there_when_the_source_driver_domain_dies_mid_copy()
    {
        var before = await drill.SnapshotAllAsync();
        var original = before[XenHostDrill.HostA].Guest("guest1")!.Value;

        var report = await drill.RunAsync("guest1", XenHostDrill.HostB, DrillFault.KillSourceDriver);

        Assert.True(report.Outcome == "completed", report.Reason);
        Assert.Equal(XenHostDrill.HostB, report.RunsOn);
        Assert.True(report.MemoryChecksumMatch);
        var a = await drill.SnapshotAsync(XenHostDrill.HostA);
        var b = await drill.SnapshotAsync(XenHostDrill.HostB);
        Assert.Null(a.Guest("guest1"));
        Assert.DoesNotContain(DrillHost.DriverDomain, a.Domains);
        Assert.Equal(before[XenHostDrill.HostA].Pool.Concat(original.Devices).Order(), a.Pool);
        Assert.DoesNotContain(a.Store.Keys, p => p.StartsWith("/local/domain/" + Dec(original.Domid), StringComparison.Ordinal) || p.StartsWith("/local/domain/1", StringComparison.Ordinal));
        var moved = b.Guest("guest1")!.Value;
        Assert.Equal(DomainState.Running, moved.State);
        Assert.Equal(3, moved.Devices.Count);
        AssertConnected(b, moved.Domid);
        Assert.Equal(NicPath.Physical, drill.BondPath("guest1"));
        Assert.Empty(await drill.CheckInvariantsAsync());
    }

    private async Task AssertRolledBack(DrillFault fault, string outcome, string reason)
    {
        var before = await drill.SnapshotAllAsync();
        var original = before[XenHostDrill.HostA].Guest("guest1")!.Value;

        var report = await drill.RunAsync("guest1", XenHostDrill.HostB, fault);

        Assert.Equal(outcome, report.Outcome);
        Assert.Contains(reason, report.Reason, StringComparison.Ordinal);
        Assert.Equal(XenHostDrill.HostA, report.RunsOn);
        Assert.Equal(report.DevicesBefore, report.DevicesAfter);
        Assert.True(report.MemoryChecksumMatch, "the guest's memory holds what its workload wrote");
        var a = await drill.SnapshotAsync(XenHostDrill.HostA);
        var b = await drill.SnapshotAsync(XenHostDrill.HostB);
        var guest = a.Guest("guest1")!.Value;
        Assert.Equal(DomainState.Running, guest.State);
        Assert.Equal(original.Domid, guest.Domid);
        Assert.Equal(original.Devices, guest.Devices);
        Assert.Null(b.Guest("guest1"));
        Assert.Equal(before[XenHostDrill.HostA].Pool, a.Pool);
        Assert.Equal(before[XenHostDrill.HostB].Pool, b.Pool);
        AssertConnected(a, guest.Domid);
        Assert.DoesNotContain(b.Store.Keys, p => p.Contains("/backend/pci/", StringComparison.Ordinal) || p.EndsWith("/device/pci/0", StringComparison.Ordinal));
        Assert.DoesNotContain(b.Store, p => p.Key.EndsWith("/name", StringComparison.Ordinal) && p.Value == "guest1");
        Assert.Equal(NicPath.Physical, drill.BondPath("guest1"));
        Assert.Empty(await drill.CheckInvariantsAsync(before));
    }

    /// <summary>pciback and pcifront Connected for the guest, with one backend entry per function.</summary>
    private static void AssertConnected(HostSnapshot host, int domid)
    {
        var be = $"/local/domain/{DrillHost.DriverDomain}/backend/pci/{Dec(domid)}/0";
        Assert.Equal("4", host.Store[be + "/state"]);
        Assert.Equal("3", host.Store[be + "/num_devs"]);
        Assert.Equal("4", host.Store[$"/local/domain/{Dec(domid)}/device/pci/0/state"]);
    }

    private static string Dec(int v) => v.ToString(CultureInfo.InvariantCulture);
}
