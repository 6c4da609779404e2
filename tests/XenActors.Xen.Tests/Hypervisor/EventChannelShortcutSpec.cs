using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Migration;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

/// <summary>
/// The hypervisor offers each end of a shared-page channel (pcifront's pci-op page and event channel) a shortcut to the
/// other end's handler once both are bound for it, and withdraws it the moment the route stops holding.
/// </summary>
public sealed class EventChannelShortcutSpec : TestKit.TestKit
{
    private const long Frame = 5;
    private const int Length = 36;

    private sealed record Channel(int Guest, int Driver, int GuestPort, int DriverPort, int Handle);

    private static async Task<Channel> ConnectAsync(HypervisorClient hv, IActorRef guestHandler, IActorRef driverHandler, bool driverShortcuts = true)
    {
        var driver = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("driver")))).ThrowIfFailed();
        var guest = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(driver))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(guest))).ThrowIfFailed();
        var gref = (await hv.CallAsync<uint>(new HvGrantAccess(guest, driver, Frame, false))).ThrowIfFailed();
        var guestPort = (await hv.CallAsync<int>(new HvAllocUnbound(guest, DomainIds.Self, driver))).ThrowIfFailed();
        (await hv.CallAsync(new HvBindUpcalls(guest, guestPort, guestHandler, SnapshotGfn: Frame, SnapshotLength: Length, Shortcuts: true))).ThrowIfFailed();
        var handle = (await hv.CallAsync<int>(new HvMapGrant(driver, guest, gref, false))).ThrowIfFailed();
        var driverPort = (await hv.CallAsync<int>(new HvBindInterdomain(driver, guest, guestPort))).ThrowIfFailed();
        (await hv.CallAsync(new HvBindUpcalls(driver, driverPort, driverHandler, SnapshotMapping: handle, SnapshotLength: Length, Shortcuts: driverShortcuts))).ThrowIfFailed();
        return new Channel(guest, driver, guestPort, driverPort, handle);
    }

    [Fact]
    public async Task Must_offer_each_end_the_other_ends_handler_once_both_are_bound_for_shortcuts()
    {
        var (guestEnd, driverEnd) = (CreateTestProbe(), CreateTestProbe());
        var c = await ConnectAsync(new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor")), guestEnd.Ref, driverEnd.Ref);

        // pcifront writes its own frame; pciback writes it through its mapping and pcifront stores what arrives.
        Assert.Equal(new HvShortcut(c.Guest, c.GuestPort, driverEnd.Ref, c.Driver, c.DriverPort, Length, SourceGfn: Frame),
            guestEnd.FishForMessage<HvShortcut>(_ => true));
        Assert.Equal(new HvShortcut(c.Driver, c.DriverPort, guestEnd.Ref, c.Guest, c.GuestPort, Length, SourceMapping: c.Handle, WriteBackGfn: Frame),
            driverEnd.FishForMessage<HvShortcut>(_ => true));
    }

    [Fact]
    public async Task Must_offer_nothing_when_one_end_is_bound_without_shortcuts()
    {
        var (guestEnd, driverEnd) = (CreateTestProbe(), CreateTestProbe());
        await ConnectAsync(new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor")), guestEnd.Ref, driverEnd.Ref, driverShortcuts: false);

        // Offers are told while the hypervisor handles the bind, before its answer: by now any would be queued.
        Assert.DoesNotContain(Drain(guestEnd), m => m is HvShortcut);
        Assert.DoesNotContain(Drain(driverEnd), m => m is HvShortcut);
    }

    [Fact]
    public async Task Must_withdraw_the_shortcut_from_the_other_end_when_one_end_closes_its_port()
    {
        var (guestEnd, driverEnd) = (CreateTestProbe(), CreateTestProbe());
        var hv = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));
        var c = await ConnectAsync(hv, guestEnd.Ref, driverEnd.Ref);
        guestEnd.FishForMessage<HvShortcut>(s => s.Handler is not null);

        (await hv.CallAsync(new HvClose(c.Driver, c.DriverPort))).ThrowIfFailed();

        Assert.Equal(new HvShortcut(c.Guest, c.GuestPort, null), guestEnd.FishForMessage<HvShortcut>(_ => true));
    }

    [Fact]
    public async Task Must_withdraw_the_shortcut_to_a_paused_domain_and_offer_it_again_on_unpause()
    {
        var (guestEnd, driverEnd) = (CreateTestProbe(), CreateTestProbe());
        var shared = new SharedHypervisor();
        var hv = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor", shared));
        var c = await ConnectAsync(hv, guestEnd.Ref, driverEnd.Ref);
        var offered = driverEnd.FishForMessage<HvShortcut>(s => s.Handler is not null);

        // A paused domain keeps its events pending: only the hypervisor may hold them, so no send may bypass it.
        new HypervisorGate("host", shared).Run(x => x.Pause(c.Guest)).ThrowIfFailed();
        Assert.Null(driverEnd.FishForMessage<HvShortcut>(_ => true).Handler);

        (await hv.CallAsync(new HvUnpause(c.Guest))).ThrowIfFailed();
        Assert.Equal(offered, driverEnd.FishForMessage<HvShortcut>(_ => true));
    }

    [Fact]
    public async Task Must_withdraw_the_shortcut_to_a_destroyed_domain()
    {
        var (guestEnd, driverEnd) = (CreateTestProbe(), CreateTestProbe());
        var hv = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));
        var c = await ConnectAsync(hv, guestEnd.Ref, driverEnd.Ref);
        driverEnd.FishForMessage<HvShortcut>(s => s.Handler is not null);

        (await hv.CallAsync(new HvDestroyDomain(c.Guest))).ThrowIfFailed();

        Assert.Null(driverEnd.FishForMessage<HvShortcut>(_ => true).Handler);
    }

    private static List<object> Drain(TestKit.TestProbe probe)
    {
        var messages = new List<object>();
        while (probe.TryReceiveOne(out var envelope, TimeSpan.Zero))
            messages.Add(envelope.Message);
        return messages;
    }
}
