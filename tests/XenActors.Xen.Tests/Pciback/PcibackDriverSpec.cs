using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Pciback;

public sealed class PcibackDriverSpec : TestKit.TestKit
{
    private const string Backend = "/local/domain/0/backend/pci/5/0";

    [Fact]
    public async Task Must_probe_a_backend_the_toolstack_wrote_before_pciback_started()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(new SharedXenStore()));
        var hypervisor = HypervisorActor.Start(Sys, "hypervisor");
        var toolstack = new XenStoreClient(store, 0, TestActor);
        Assert.True((await toolstack.WriteAsync(Backend + "/frontend", "/local/domain/5/device/pci/0")).IsOk);
        Assert.True((await toolstack.WriteAsync(Backend + "/state", "1")).IsOk);

        // xenbus_probe_devices: the watch's first event names only the bus, so the driver must look for itself.
        Sys.ActorOf(PcibackDriver.Props(store, hypervisor, new PciInventory([SyntheticDevices.SimpleNic()]), 0));

        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(Backend + "/state")));
        Assert.Equal("0000:00", await toolstack.TryReadAsync(Backend + "/root-0"));
    }
}
