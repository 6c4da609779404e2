using XenActors.Actor;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Xenbus;

/// <summary>
/// The otherend handler of a split-driver end: both states and the nodes the driver gathers from the other end next
/// (xenbus_gather after xenbus_read_driver_state) go to the store together, and reach the handler read at one moment.
/// </summary>
public sealed class XenbusDriverActorSpec : TestKit.TestKit
{
    private const string Node = "/local/domain/0/backend/pci/3/0";
    private const string OtherEnd = "/local/domain/3/device/pci/0";

    [Fact]
    public void Must_send_the_gathered_reads_with_the_state_reads_and_hand_their_values_to_the_handler()
    {
        var store = CreateTestProbe();
        var handler = CreateTestProbe();
        var end = Sys.ActorOf(Props.Create(() => new GatheringEnd(store.Ref, handler.Ref)));
        end.Tell("watch");
        store.ExpectMsg<XsWatch>();
        store.Reply(XsResult.Ok);

        end.Tell(new XsWatchEvent(OtherEnd + "/state", "otherend"));

        // All four are in flight before the first is answered: one round trip.
        var reads = new List<(XsRead Read, IActorRef By)>();
        for (var i = 0; i < 4; i++)
            reads.Add((store.ExpectMsg<XsRead>(), store.LastSender));
        Assert.Equal([Node + "/state", OtherEnd + "/state", OtherEnd + "/magic", OtherEnd + "/event-channel"], reads.Select(r => r.Read.Path));
        XsResult[] answers = [XsResult.Of("2"), XsResult.Of("3"), XsResult.Of("7"), XsResult.Fail(XsdError.ENOENT)];
        for (var i = 0; i < 4; i++)
            reads[i].By.Tell(answers[i], store.Ref);

        var (state, gathered) = handler.ExpectMsg<(XenbusState, IReadOnlyDictionary<string, string?>)>();
        Assert.Equal(XenbusState.Initialised, state);
        Assert.Equal("7", gathered["magic"]);
        Assert.Null(gathered["event-channel"]);
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>An end that gathers two of the other end's nodes and reports what its handler got.</summary>
    private sealed class GatheringEnd : XenbusDriverActor
    {
        private readonly IActorRef _handler;

        public GatheringEnd(IActorRef store, IActorRef handler)
            : base(new XenStoreClient(store, 0, Context.Self), Node, OtherEnd)
        {
            _handler = handler;
            ReceiveDriverAsync<string>(_ => RegisterWatchesAsync());
        }

        protected override IReadOnlyList<string> GatherFromOtherEnd => ["magic", "event-channel"];

        protected override Task OtherEndChangedAsync(XenbusState otherState, IReadOnlyDictionary<string, string?> gathered)
        {
            _handler.Tell((otherState, gathered));
            return Task.CompletedTask;
        }
    }
}
