using XenActors.Actor;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Pcifront;

/// <summary>The guest's frontend bus acts on device/pci/0 as it is now, so a burst of changes costs one look, not one each.</summary>
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
