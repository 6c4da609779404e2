using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.XenStore;

public sealed class XenStoreActorSpec : TestKit.TestKit
{
    private readonly SharedXenStore _shared = new();

    private XsResult Call(Actor.IActorRef store, XsRequest request)
    {
        store.Tell(request, TestActor);
        return ExpectMsg<XsResult>();
    }

    [Fact]
    public void Must_write_read_and_list_nodes_for_dom0()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        Assert.True(Call(store, new XsWrite(TestActor, 0, "/a/b", "1")).IsOk);
        Assert.Equal("1", Call(store, new XsRead(TestActor, 0, "/a/b")).Value);
        Assert.Equal(["b"], Call(store, new XsDirectory(TestActor, 0, "/a")).Children);
        store.Tell(new XsList("/a"), TestActor);
        Assert.Equal(["/a = \"\"", "/a/b = \"1\""], ExpectMsg<XsListing>().Lines);
    }

    [Fact]
    public void Must_answer_errno_names_and_change_nothing_on_refusal()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        Call(store, new XsWrite(TestActor, 0, "/secret", "x"));
        var denied = Call(store, new XsWrite(TestActor, 5, "/secret", "y"));
        Assert.Equal("EACCES", denied.ErrorName);
        Assert.Equal("ENOENT", Call(store, new XsRead(TestActor, 0, "/missing")).ErrorName);
        Assert.Equal("EINVAL", Call(store, new XsRead(TestActor, 0, "/bad//path")).ErrorName);
        Assert.Equal("x", Call(store, new XsRead(TestActor, 0, "/secret")).Value);
    }

    [Fact]
    public void Must_deliver_watch_events_to_the_owner_including_the_initial_fire()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var watcher = CreateTestProbe();
        store.Tell(new XsWatch(watcher.Ref, 0, "/w", "tok"), TestActor);
        ExpectMsg<XsResult>(r => Assert.True(r.IsOk));
        watcher.ExpectMsg(new XsWatchEvent("/w", "tok"));
        Call(store, new XsWrite(TestActor, 0, "/w/x", "1"));
        watcher.ExpectMsg(new XsWatchEvent("/w/x", "tok"));
    }

    [Fact]
    public async Task Must_retry_a_transaction_on_EAGAIN_until_it_commits()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        await client.WriteAsync("/x", "0");
        var attempts = 0;
        var result = await client.TransactionAsync(async tx =>
        {
            attempts++;
            var v = await client.TryReadAsync("/x", tx);
            if (attempts == 1)
                await client.WriteAsync("/x", "other"); // a concurrent writer outside the transaction
            await client.WriteAsync("/y", v + "!", tx);
            return true;
        });
        Assert.True(result.IsOk);
        Assert.Equal(2, attempts);
        Assert.Equal("other!", await client.TryReadAsync("/y"));
    }

    [Fact]
    public void Must_drop_a_stopped_owners_watches()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var watcher = CreateTestProbe();
        store.Tell(new XsWatch(watcher.Ref, 0, "/w", "tok"), TestActor);
        ExpectMsg<XsResult>();
        AwaitCondition(() => _shared.Run(c => c.WatchCount) == 1);
        Sys.Stop(watcher.Ref);
        AwaitCondition(() => _shared.Run(c => c.WatchCount) == 0);
    }

    [Fact]
    public void Must_refuse_introduce_from_an_unprivileged_domain()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        Assert.Equal(XsdError.EACCES, Call(store, new XsIntroduce(TestActor, 3, 4)).Error);
        Assert.True(Call(store, new XsIntroduce(TestActor, 0, 4)).IsOk);
    }

    [Fact]
    public void Must_give_a_write_subscriber_every_committed_value_in_order_and_a_transaction_only_at_commit()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var subscriber = CreateTestProbe();
        store.Tell(new XsSubscribeWrites(subscriber.Ref), TestActor);
        Assert.True(ExpectMsg<XsResult>().IsOk);

        Call(store, new XsWrite(TestActor, 0, "/be/state", "7"));
        Call(store, new XsWrite(TestActor, 0, "/be/state", "8"));
        var tx = uint.Parse(Call(store, new XsTransactionStart(TestActor, 0)).Value, System.Globalization.CultureInfo.InvariantCulture);
        Call(store, new XsWrite(TestActor, 0, "/be/state", "4", tx));
        subscriber.ExpectMsg<XsNodeWritten>(w => w.Value == "7");
        subscriber.ExpectMsg<XsNodeWritten>(w => w.Value == "8");
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the transaction has not committed

        Assert.True(Call(store, new XsTransactionEnd(TestActor, 0, tx, true)).IsOk);
        Assert.Equal(new XsNodeWritten(0, "/be/state", "4"), subscriber.ExpectMsg<XsNodeWritten>());
    }
}
