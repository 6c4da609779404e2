using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;
using XenActors.Xen.Tests.XenStore;

namespace XenActors.Xen.Tests.Pciback;

public sealed class PcibackDriverSpec : TestKit.TestKit
{
    private const string Bus = "/local/domain/0/backend/pci";
    private const string Backend = Bus + "/5/0";

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

    [Fact]
    public async Task Must_not_read_the_store_for_writes_below_the_directory_of_a_bound_device()
    {
        var (store, toolstack) = await RecordingStoreWithBackendAsync();
        var driver = Sys.ActorOf(PcibackDriver.Props(store.Ref, HypervisorActor.Start(Sys, "hypervisor"), new PciInventory([SyntheticDevices.SimpleNic()]), 0));
        // The bound device's own set-up (InitWait, root-0, root_num, Initialised) is written below its directory.
        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(Backend + "/state")));

        // A hot-plug's nodes, written by the toolstack below the same directory.
        foreach (var (key, value) in new[] { ("dev-1", "0000:00:04.0"), ("vdev-1", "0000:00:01.0"), ("state-1", "1"), ("num_devs", "2") })
            Assert.True((await toolstack.WriteAsync(Backend + "/" + key, value)).IsOk);
        // Another frontend's directory: the driver reads its state after every read the events before it led to.
        Assert.True((await toolstack.WriteAsync(Bus + "/6/0/frontend", "/local/domain/6/device/pci/0")).IsOk);
        await AwaitConditionAsync(() => store.ReadsBy(driver).Contains(Bus + "/6/0/state"));

        // Only the probe's own look at the new directory.
        Assert.Equal(new[] { Backend + "/state" }, store.ReadsBy(driver).Where(p => p.StartsWith(Backend + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Must_remove_the_device_when_its_directory_goes_and_probe_the_one_written_next()
    {
        var (store, toolstack) = await RecordingStoreWithBackendAsync();
        var driver = Sys.ActorOf(PcibackDriver.Props(store.Ref, HypervisorActor.Start(Sys, "hypervisor"), new PciInventory([SyntheticDevices.SimpleNic()]), 0));

        // The device directory removed, then the frontend's whole directory (as xend's teardown does): each unbinds the device.
        foreach (var removed in new[] { Backend, Bus + "/5" })
        {
            await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(Backend + "/state")));
            var device = Watch(store.Requests.Last(r => !r.Owner.Equals(driver)).Owner);
            Assert.True((await toolstack.RmAsync(removed)).IsOk);
            ExpectTerminated(device);

            // The toolstack writes the directory for the next device: a fresh one is probed and set up.
            await WriteBackendAsync(toolstack);
        }
        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(Backend + "/state")));
    }

    private static async Task WriteBackendAsync(XenStoreClient toolstack)
    {
        // Online: the device stays bound while guest 5 has no frontend yet.
        Assert.True((await toolstack.WriteTransactionAsync(
        [
            new(Backend + "/frontend", "/local/domain/5/device/pci/0"), new(Backend + "/online", "1"), new(Backend + "/state", "1"),
        ])).IsOk);
    }

    /// <summary>A recording store with guest 5's backend written, and the toolstack's client of the store itself.</summary>
    private async Task<(RecordingStore Store, XenStoreClient Toolstack)> RecordingStoreWithBackendAsync()
    {
        var store = RecordingStore.Start(this);
        var toolstack = new XenStoreClient(store.Store, 0, TestActor);
        await WriteBackendAsync(toolstack);
        return (store, toolstack);
    }
}
