using XenActors.Actor;
using XenActors.TestKit;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;
using XenActors.Xen.Tests.XenStore;

namespace XenActors.Xen.Tests.Pcifront;

/// <summary>
/// The guest's frontend bus acts on device/pci/0 as it is now, so a burst of changes costs one look, not one each, and
/// none while pcifront is bound and the changes are below its directory.
/// </summary>
public sealed class PvGuestKernelSpec : TestKit.TestKit
{
    private const int Domid = 5;
    private const string Frontend = "/local/domain/5/device/pci/0";

    [Fact]
    public void Must_answer_the_changes_that_queued_up_while_it_looked_with_one_more_look()
    {
        var store = CreateTestProbe();
        var kernel = Sys.ActorOf(PvGuestKernel.Props(store.Ref, TestActor, Domid));
        Assert.Equal(Frontend, store.ExpectMsg<XsWatch>().Path);
        store.Reply(XsResult.Ok);

        // The first change: the kernel looks (backend-id and state) and waits for the answers.
        kernel.Tell(new XsWatchEvent(Frontend + "/backend", "device-pci"), store.Ref);
        var first = Look(store);
        // Five more changes queue up meanwhile.
        for (var i = 0; i < 5; i++)
            kernel.Tell(new XsWatchEvent(Frontend + "/node-" + i, "device-pci"), store.Ref);
        Answer(first, XsResult.Fail(XsdError.ENOENT));

        // One more look answers all five; nothing bound, so the bus lists nothing.
        Answer(Look(store), XsResult.Fail(XsdError.ENOENT));
        kernel.Tell(GuestLspci.Instance, TestActor);
        Assert.Empty(ExpectMsg<GuestPciBus>().Lines);
        Assert.Equal(0, store.QueuedMessageCount);
    }

    [Fact]
    public async Task Must_not_look_again_for_the_writes_below_the_directory_of_bound_pcifront()
    {
        // Bound pcifront's own set-up (pci-op-ref, event-channel, magic, Initialised) is written below its directory.
        var (store, toolstack, kernel, guest) = await KernelWithBoundPcifrontAsync();
        var frontend = XenbusPci.FrontendPath(guest);

        // Listed after those events: had one led to a look, the listing would wait for its answers.
        kernel.Tell(GuestLspci.Instance, TestActor);
        ExpectMsg<GuestPciBus>();

        // Only the look that probed pcifront.
        Assert.Equal(new[] { frontend + "/backend-id", frontend + "/state" }, store.ReadsBy(kernel));
    }

    [Fact]
    public async Task Must_remove_pcifront_when_its_directory_goes_and_probe_the_one_written_next()
    {
        var (store, toolstack, kernel, guest) = await KernelWithBoundPcifrontAsync();
        var frontend = XenbusPci.FrontendPath(guest);
        var pcifront = Watch(store.Requests.First(r => !r.Owner.Equals(kernel)).Owner);

        // xend's teardown removes device/pci/0.
        Assert.True((await toolstack.RmAsync(frontend)).IsOk);
        ExpectTerminated(pcifront);
        kernel.Tell(GuestLspci.Instance, TestActor);
        Assert.Empty(ExpectMsg<GuestPciBus>().Lines);

        // The next pcidev's directory: a fresh pcifront is probed and publishes again.
        await WriteFrontendAsync(toolstack, guest);
        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(frontend + "/state")));
    }

    /// <summary>What xend writes for a new pcidev: device/pci/0 owned by the guest, readable by dom0's backend.</summary>
    private static async Task WriteFrontendAsync(XenStoreClient toolstack, int guest)
    {
        var frontend = XenbusPci.FrontendPath(guest);
        Assert.True((await toolstack.MkdirAsync(frontend)).IsOk);
        Assert.True((await toolstack.SetPermsAsync(frontend, [FormattableString.Invariant($"n{guest}"), "r0"])).IsOk);
        Assert.True((await toolstack.WriteTransactionAsync(
        [
            new(frontend + "/backend", XenbusPci.BackendPath(0, guest)), new(frontend + "/backend-id", "0"), new(frontend + "/state", "1"),
        ])).IsOk);
    }

    /// <summary>
    /// A running guest's kernel on a recording store, its pcifront probed for the directory xend wrote and Initialised;
    /// with the toolstack's client of the store itself.
    /// </summary>
    private async Task<(RecordingStore Store, XenStoreClient Toolstack, IActorRef Kernel, int Guest)> KernelWithBoundPcifrontAsync()
    {
        var store = RecordingStore.Start(this);
        var toolstack = new XenStoreClient(store.Store, 0, TestActor);
        var hv = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));
        var guest = (await hv.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).ThrowIfFailed();
        (await hv.CallAsync(new HvUnpause(guest))).ThrowIfFailed();
        await WriteFrontendAsync(toolstack, guest);
        var kernel = Sys.ActorOf(PvGuestKernel.Props(store.Ref, hv.Ref, guest));
        await AwaitAssertAsync(async () => Assert.Equal("3", await toolstack.TryReadAsync(XenbusPci.FrontendPath(guest) + "/state")));
        return (store, toolstack, kernel, guest);
    }

    /// <summary>The kernel's reads of backend-id and state, pipelined, with who asked each.</summary>
    private static List<IActorRef> Look(TestKit.TestProbe store)
    {
        var askers = new List<IActorRef>();
        foreach (var key in new[] { "backend-id", "state" })
        {
            Assert.Equal(Frontend + "/" + key, store.ExpectMsg<XsRead>().Path);
            askers.Add(store.LastSender);
        }
        return askers;
    }

    private static void Answer(List<IActorRef> askers, XsResult result)
    {
        foreach (var asker in askers)
            asker.Tell(result, null);
    }
}
