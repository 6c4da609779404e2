using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.XenStore;

/// <summary>The client's pipelined requests: answered in the order sent, and a pipelined transaction still all-or-nothing.</summary>
public sealed class XenStoreClientSpec : TestKit.TestKit
{
    private readonly SharedXenStore _shared = new();

    [Fact]
    public async Task Must_answer_pipelined_requests_in_the_order_they_were_sent()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);

        // Each read sees exactly the writes sent before it, as if every request had been awaited in turn.
        var results = await client.PipelineAsync(
            client.Write("/p", "1"), client.Read("/p"), client.Write("/p", "2"), client.Read("/p"), client.Rm("/p"), client.Read("/p"));

        Assert.Equal(["OK \"\"", "OK \"1\"", "OK \"\"", "OK \"2\"", "OK \"\"", "ENOENT"], results.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Must_keep_the_order_of_many_pipelined_writes_as_a_write_subscriber_sees_them()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var subscriber = CreateTestProbe();
        store.Tell(new XsSubscribeWrites(subscriber.Ref), TestActor);
        Assert.True(ExpectMsg<XsResult>().IsOk);
        var client = new XenStoreClient(store, 0, TestActor);
        var values = Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var results = await client.PipelineAsync([.. values.Select(v => client.Write("/n", v))]);

        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal(values, subscriber.ReceiveN(values.Count).Cast<XsNodeWritten>().Select(w => w.Value));
        Assert.Equal("199", await client.TryReadAsync("/n"));
    }

    [Fact]
    public async Task Must_read_many_nodes_pipelined_with_null_for_a_missing_one()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        await client.WriteTransactionAsync([new("/r/a", "A"), new("/r/c", "C")]);

        Assert.Equal(new string?[] { "A", null, "C" }, await client.TryReadAllAsync(["/r/a", "/r/b", "/r/c"]));
    }

    [Fact]
    public async Task Must_abort_a_pipelined_write_transaction_when_one_write_fails_and_write_nothing()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var subscriber = CreateTestProbe();
        store.Tell(new XsSubscribeWrites(subscriber.Ref), TestActor);
        Assert.True(ExpectMsg<XsResult>().IsOk);
        var client = new XenStoreClient(store, 0, TestActor);

        // The bad path is in the middle: the writes before and after it were sent in the same transaction.
        var failure = await Assert.ThrowsAsync<XenStoreException>(() => client.WriteTransactionAsync([new("/t/a", "1"), new("/t//bad", "x"), new("/t/b", "2")]));

        Assert.Equal(XsdError.EINVAL, failure.Error);
        Assert.Contains("/t//bad", failure.Message, StringComparison.Ordinal);
        Assert.Null(await client.TryReadAsync("/t/a"));
        Assert.Null(await client.TryReadAsync("/t/b"));
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Must_send_nothing_from_a_closed_connection_and_fail_every_pipelined_request()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        client.Close();

        await Assert.ThrowsAsync<OperationCanceledException>(() => client.PipelineAsync(client.Write("/c", "1"), client.Read("/c")));

        Assert.Null(await new XenStoreClient(store, 0, TestActor).TryReadAsync("/c"));
    }

    [Fact]
    public async Task Must_run_the_first_attempt_in_the_transaction_begun_early()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        var begun = client.BeginTransaction();
        var used = new List<uint>();

        var result = await client.TransactionAsync(async tx =>
        {
            used.Add(tx);
            return (await client.WriteAsync("/e/a", "1", tx)).IsOk;
        }, begun);

        Assert.True(result.IsOk);
        Assert.Equal([uint.Parse((await begun).Value, System.Globalization.CultureInfo.InvariantCulture)], used);
        Assert.Equal("1", await client.TryReadAsync("/e/a"));
    }

    [Fact]
    public async Task Must_retry_in_a_fresh_transaction_when_the_one_begun_early_conflicts()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        var other = new XenStoreClient(store, 0, CreateTestProbe().Ref);
        await client.WriteAsync("/e/x", "0");
        var begun = client.BeginTransaction();
        var used = new List<uint>();

        var result = await client.TransactionAsync(async tx =>
        {
            used.Add(tx);
            var seen = await client.TryReadAsync("/e/x", tx);
            if (used.Count == 1)
                await other.WriteAsync("/e/x", "theirs");
            return (await client.WriteAsync("/e/x", seen + "+mine", tx)).IsOk;
        }, begun);

        Assert.True(result.IsOk);
        Assert.Equal(2, used.Count);
        Assert.NotEqual(used[0], used[1]);
        Assert.Equal("theirs+mine", await client.TryReadAsync("/e/x"));
    }

    [Fact]
    public async Task Must_end_an_abandoned_transaction_without_committing_what_it_wrote()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(_shared));
        var client = new XenStoreClient(store, 0, TestActor);
        var begun = client.BeginTransaction();
        var tx = uint.Parse((await begun).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((await client.WriteAsync("/e/z", "1", tx)).IsOk);

        await client.AbandonAsync(begun);

        Assert.Null(await client.TryReadAsync("/e/z"));
        // Ended, not left open: the store no longer knows the transaction.
        Assert.Equal(XsdError.ENOENT, (await client.WriteAsync("/e/z", "2", tx)).Error);
    }
}
