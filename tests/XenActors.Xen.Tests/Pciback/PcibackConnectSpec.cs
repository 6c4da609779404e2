using System.Globalization;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pciback;
using XenActors.Xen.Protocol;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Pciback;

/// <summary>
/// pciback maps pcifront's page and binds its event channel in one round trip (xen_pcibk_do_attach makes the two
/// hypercalls one after the other). When one fails, what the other set up is held by the device and let go with it.
/// </summary>
public sealed class PcibackConnectSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_report_a_failed_map_and_release_the_channel_it_bound_alongside_when_the_backend_goes()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(new SharedXenStore()));
        var hv = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));
        var guest = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(guest))).ThrowIfFailed();
        var guestPort = (await hv.CallAsync<int>(new HvAllocUnbound(guest, DomainIds.Self, 0))).ThrowIfFailed();
        var toolstack = new XenStoreClient(store, 0, TestActor);
        var fe = $"/local/domain/{guest}/device/pci/0";
        var be = $"/local/domain/0/backend/pci/{guest}/0";
        // A pcifront that published a grant reference it never granted, with a good channel and magic.
        await toolstack.WriteTransactionAsync(
        [
            new(fe + "/backend", be), new(fe + "/backend-id", "0"), new(fe + "/pci-op-ref", "4242"),
            new(fe + "/event-channel", guestPort.ToString(CultureInfo.InvariantCulture)), new(fe + "/magic", PciIf.Magic),
            new(fe + "/state", "3"),
            new(be + "/frontend", fe), new(be + "/frontend-id", guest.ToString(CultureInfo.InvariantCulture)), new(be + "/online", "1"),
            new(be + "/state", "1"),
        ]);

        Sys.ActorOf(PcibackDriver.Props(store, hv.Ref, new PciInventory([SyntheticDevices.SimpleNic()]), 0));

        await AwaitAssertAsync(async () => Assert.Equal("5", await toolstack.TryReadAsync(be + "/state")));
        Assert.StartsWith("22 Error mapping other domain page in ours", await toolstack.TryReadAsync($"/local/domain/0/error/backend/pci/{guest}/0/error"), StringComparison.Ordinal);
        Assert.Equal(EventChannelStatus.Interdomain, (await Status()).Status);

        // The toolstack removes the failed device: the channel bound alongside the failed map goes with it.
        Assert.True((await toolstack.RmAsync(be)).IsOk);
        await AwaitAssertAsync(async () => Assert.Equal(EventChannelStatus.Unbound, (await Status()).Status));

        async Task<EventChannelInfo> Status() => (await hv.CallAsync<EventChannelInfo>(new HvEventChannelStatus(0, guest, guestPort))).ThrowIfFailed();
    }
}
