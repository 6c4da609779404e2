using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.TestKit;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.XenStore;

/// <summary>
/// A XenStore actor reached through a probe that records every request before passing it on (so a request is
/// recorded before its answer arrives): the specs count what a driver asked of the store.
/// </summary>
internal sealed class RecordingStore
{
    private RecordingStore(IActorRef store, IActorRef tap, ConcurrentQueue<XsRequest> requests) => (Store, Ref, Requests) = (store, tap, requests);

    /// <summary>The store itself (for the toolstack's client, whose requests are not recorded).</summary>
    public IActorRef Store { get; }

    /// <summary>What the drivers under test are given as their store.</summary>
    public IActorRef Ref { get; }

    public ConcurrentQueue<XsRequest> Requests { get; }

    public static RecordingStore Start(TestKit.TestKit kit)
    {
        ArgumentNullException.ThrowIfNull(kit);
        var store = kit.Sys.ActorOf(XenStoreActor.Props(new SharedXenStore()));
        var requests = new ConcurrentQueue<XsRequest>();
        var tap = kit.CreateTestProbe();
        tap.IgnoreMessages(_ => true);
        tap.SetAutoPilot(AutoPilot.KeepRunning((sender, message) =>
        {
            if (message is XsRequest request)
                requests.Enqueue(request);
            store.Tell(message, sender);
        }));
        return new RecordingStore(store, tap.Ref, requests);
    }

    /// <summary>The paths <paramref name="owner"/> read, in the order sent.</summary>
    public List<string> ReadsBy(IActorRef owner) => [.. Requests.OfType<XsRead>().Where(r => r.Owner.Equals(owner)).Select(r => r.Path)];
}
