using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Event;
using XenActors.Remote;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;
using Xunit.Abstractions;
using Wire = XenActors.Hosting.XenWire.XenWire;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>
/// Two actor systems over loopback TCP, as the hypervisor node and a guest's node: the hypervisor and XenStore live
/// in system A; system B (the test's) drives them through XenStoreClient and HypervisorClient over XenWire.
/// </summary>
public sealed class XenWireRemoteSpec : XenActors.TestKit.TestKit
{
    private readonly ActorSystem _hostSystem;
    private readonly Remoting _host;
    private readonly Remoting _guest;
    private readonly IActorRef _store;
    private readonly IActorRef _hypervisor;

    public XenWireRemoteSpec(ITestOutputHelper output) : base(output, systemName: "guest")
    {
        _hostSystem = ActorSystem.Create("host", new ActorSystemSetup());
        _hostSystem.EventStream.Subscribe<LogEvent>(e =>
        {
            if (e.Level < LogLevel.Warning) return;
            try { output.WriteLine("[host] " + e); } catch (InvalidOperationException) { }
        });
        _host = Remoting.Start(_hostSystem, Settings());
        _guest = Remoting.Start(Sys, Settings());
        Wire.Register(_host.Serialization);
        Wire.Register(_guest.Serialization);
        var store = _hostSystem.ActorOf(XenStoreActor.Props(new SharedXenStore()), "xenstore");
        var hypervisor = _hostSystem.ActorOf(HypervisorActor.Props(), "hypervisor");
        _store = _guest.Resolve(_host.ToSerializedPath(store));
        _hypervisor = _guest.Resolve(_host.ToSerializedPath(hypervisor));
    }

    private static RemoteSettings Settings() => new()
    {
        Hostname = "127.0.0.1",
        Port = 0,
        Secret = "xenwire-spec",
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Must_serve_a_remote_store_client_with_reads_directories_transactions_and_watches()
    {
        Assert.Equal(_host.Address, _store.Path.Address); // a remote ref: every request crosses the wire
        var owner = CreateTestProbe("xenbus");
        var xs = new XenStoreClient(_store, DomainIds.Dom0, owner.Ref);

        Assert.True((await xs.WriteAsync("/local/domain/0/backend/pci/1/0/state", "1")).IsOk);
        Assert.Equal("1", (await xs.ReadAsync("/local/domain/0/backend/pci/1/0/state")).Value);
        Assert.Equal(["state"], (await xs.DirectoryAsync("/local/domain/0/backend/pci/1/0")).Children);
        Assert.Equal(XsdError.ENOENT, (await xs.ReadAsync("/local/domain/0/nothing")).Error);

        // Start, write and end are three messages: they only commit if all land on the same store connection.
        var committed = await xs.TransactionAsync(async tx =>
        {
            Assert.True((await xs.WriteAsync("/local/domain/0/backend/pci/1/0/num_devs", "1", tx)).IsOk);
            Assert.Equal(XsdError.ENOENT, (await xs.ReadAsync("/local/domain/0/backend/pci/1/0/num_devs")).Error);
            return true;
        });
        Assert.True(committed.IsOk, committed.ToString());
        Assert.Equal("1", (await xs.ReadAsync("/local/domain/0/backend/pci/1/0/num_devs")).Value);

        Assert.True((await xs.WatchAsync("/local/domain/0/backend/pci/1", "be")).IsOk);
        owner.ExpectMsg(new XsWatchEvent("/local/domain/0/backend/pci/1", "be")); // a watch fires once when set
        await xs.WriteAsync("/local/domain/0/backend/pci/1/0/state", "3");
        owner.ExpectMsg(new XsWatchEvent("/local/domain/0/backend/pci/1/0/state", "be"));
    }

    [Fact]
    public async Task Must_create_a_domain_bind_an_event_channel_and_deliver_its_upcall_to_a_remote_handler()
    {
        Assert.Equal(_host.Address, _hypervisor.Path.Address);
        var hv = new HypervisorClient(_hypervisor);
        var handler = CreateTestProbe("dom0-evtchn");

        var domid = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).ThrowIfFailed();
        Assert.Equal(DomainState.Paused, (await hv.CallAsync<DomainSummary>(new HvGetDomain(domid))).ThrowIfFailed().State);
        var dom0Port = (await hv.CallAsync<int>(new HvAllocUnbound(DomainIds.Dom0, DomainIds.Dom0, domid))).ThrowIfFailed();
        (await hv.CallAsync(new HvBindUpcalls(DomainIds.Dom0, dom0Port, handler.Ref))).ThrowIfFailed();
        var guestPort = (await hv.CallAsync<int>(new HvBindInterdomain(domid, DomainIds.Dom0, dom0Port))).ThrowIfFailed();

        (await hv.CallAsync(new HvSend(domid, guestPort))).ThrowIfFailed();
        handler.ExpectMsg(new HvUpcall(DomainIds.Dom0, dom0Port));
        (await hv.CallAsync(new HvRegisterDevice(new PciAddress(0, 0, 0x1d, 0), 16))).ThrowIfFailed();
        Assert.Equal(new PciFunctionInfo(new PciAddress(0, 0, 0x1d, 0), DomainIds.Dom0, false), Assert.Single(await hv.DevicesAsync()));
        Assert.Empty(await hv.CheckInvariantsAsync());
    }

    [Fact]
    public async Task Must_offer_each_end_the_others_handler_across_nodes_and_let_them_send_to_each_other_directly()
    {
        const long frame = 5;
        var hv = new HypervisorClient(_hypervisor);
        var (guestEnd, driverEnd) = (CreateTestProbe("guest-evtchn"), CreateTestProbe("driver-evtchn"));
        var driver = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("driver")))).ThrowIfFailed();
        var guest = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(driver))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(guest))).ThrowIfFailed();
        var gref = (await hv.CallAsync<uint>(new HvGrantAccess(guest, driver, frame, false))).ThrowIfFailed();
        var guestPort = (await hv.CallAsync<int>(new HvAllocUnbound(guest, DomainIds.Self, driver))).ThrowIfFailed();
        (await hv.CallAsync(new HvBindUpcalls(guest, guestPort, guestEnd.Ref, SnapshotGfn: frame, SnapshotLength: 36, Shortcuts: true))).ThrowIfFailed();
        var handle = (await hv.CallAsync<int>(new HvMapGrant(driver, guest, gref, false))).ThrowIfFailed();
        var driverPort = (await hv.CallAsync<int>(new HvBindInterdomain(driver, guest, guestPort))).ThrowIfFailed();
        (await hv.CallAsync(new HvBindUpcalls(driver, driverPort, driverEnd.Ref, SnapshotMapping: handle, SnapshotLength: 36, Shortcuts: true))).ThrowIfFailed();
        // bind_interdomain leaves the new port pending: the hypervisor delivers that event as the handler binds.
        driverEnd.FishForMessage<HvUpcall>(u => u.Port == driverPort);

        // The handler refs went to the hypervisor's node and come back in the offer as our own actors.
        var offer = guestEnd.FishForMessage<HvShortcut>(o => o.Handler is not null);
        Assert.Equal(driverEnd.Ref, offer.Handler);
        Assert.True(hv.Take(offer));
        var op = Enumerable.Repeat((byte)0xAB, 36).ToArray();
        hv.Multicall(new HvWriteGuest(guest, frame, 0, op), new HvSend(guest, guestPort));

        Assert.Equal(op, driverEnd.FishForMessage<HvUpcall>(u => u.Port == driverPort).Page);
        Assert.NotEqual(_hypervisor, driverEnd.LastSender); // straight from the sender, not delivered by the hypervisor
        // The op's write still reached the guest's memory at the hypervisor, ahead of this read on the same link.
        Assert.Equal(op, (await hv.CallAsync<byte[]>(new HvReadGuest(guest, frame, 0, 36))).ThrowIfFailed());
    }

    [Fact]
    public async Task Must_return_a_hypervisor_error_across_nodes_as_the_same_errno_and_message()
    {
        var hv = new HypervisorClient(_hypervisor);
        var missing = await hv.CallAsync<DomainSummary>(new HvGetDomain(99));
        Assert.Equal(Errno.ESRCH, missing.Errno);
        var destroy = await hv.CallAsync(new HvDestroyDomain(99));
        Assert.Equal(Errno.ESRCH, destroy.Errno);
        Assert.Contains("99", destroy.Error.Message, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        _hostSystem.Terminate().Wait(TimeSpan.FromSeconds(10));
        base.Dispose(disposing);
    }
}
