using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Tests.Xenbus;

/// <summary>
/// xenbus_switch_state as the driver ends use it: the requests Linux sends (XS_TRANSACTION_START, XS_READ of the state,
/// XS_WRITE of the new one, XS_TRANSACTION_END), the read and the write in flight together, and nothing written when
/// the node has vanished.
/// </summary>
public sealed class XenbusDeviceSpec : TestKit.TestKit
{
    private const string Node = "/local/domain/0/backend/pci/3/0";

    [Fact]
    public async Task Must_send_the_state_read_and_write_together_and_commit_once_both_are_answered()
    {
        var (store, device) = OnAProbeStore();

        var switching = device.SwitchStateAsync(XenbusState.InitWait);

        AnswerStart(store, 7);
        Assert.Equal("2", AnswerSwitch(store, 7, current: "1"));

        await switching;
        Assert.Equal(XenbusState.InitWait, device.State);
    }

    [Fact]
    public async Task Must_leave_a_vanished_state_node_absent()
    {
        var (toolstack, device) = OnARealStore();
        Assert.True((await toolstack.WriteAsync(Node + "/online", "1")).IsOk);

        // The toolstack removed state (the device is going away): the transaction is aborted, so the write sent
        // alongside the read never lands.
        await device.SwitchStateAsync(XenbusState.Closed);

        Assert.Equal(XsdError.ENOENT, (await toolstack.ReadAsync(Node + "/state")).Error);
        Assert.Equal("1", await toolstack.TryReadAsync(Node + "/online"));
    }

    [Fact]
    public async Task Must_write_the_new_state_where_the_node_exists()
    {
        var (toolstack, device) = OnARealStore();
        Assert.True((await toolstack.WriteAsync(Node + "/state", "1")).IsOk);

        await device.SwitchStateAsync(XenbusState.Connected);

        Assert.Equal("4", await toolstack.TryReadAsync(Node + "/state"));
        Assert.Equal(XenbusState.Connected, device.State);
    }

    [Fact]
    public async Task Must_switch_in_the_transaction_begun_behind_earlier_requests()
    {
        var (store, device) = OnAProbeStore();
        var begun = device.Store.BeginTransaction();
        AnswerStart(store, 9);

        var switching = device.SwitchStateAsync(XenbusState.Initialised, begun);

        // No second XS_TRANSACTION_START: the read goes straight into the begun transaction.
        Assert.Equal("3", AnswerSwitch(store, 9, current: "2"));
        await switching;
        Assert.Equal(XenbusState.Initialised, device.State);
    }

    [Fact]
    public async Task Must_abandon_the_begun_transaction_when_the_state_is_already_the_one_asked()
    {
        var (store, device) = OnAProbeStore();
        device.AssumeState(XenbusState.Connected);
        var begun = device.Store.BeginTransaction();
        AnswerStart(store, 4);

        var switching = device.SwitchStateAsync(XenbusState.Connected, begun);

        AnswerAbort(store, 4);
        await switching;
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Must_begin_the_switch_while_the_work_before_it_runs_and_switch_in_that_transaction()
    {
        var (store, device) = OnAProbeStore();
        var scanning = new TaskCompletionSource();

        var switching = device.SwitchStateAfterAsync(XenbusState.Connected, () => scanning.Task);

        // XS_TRANSACTION_START goes out, and is answered, while the work is still running.
        AnswerStart(store, 5);
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        scanning.SetResult();
        Assert.Equal("4", AnswerSwitch(store, 5, current: "3"));
        await switching;
        Assert.Equal(XenbusState.Connected, device.State);
    }

    [Fact]
    public async Task Must_abandon_the_begun_switch_when_the_work_before_it_fails()
    {
        var (store, device) = OnAProbeStore();
        var scanning = new TaskCompletionSource();

        var switching = device.SwitchStateAfterAsync(XenbusState.Connected, () => scanning.Task);
        AnswerStart(store, 6);
        scanning.SetException(new InvalidOperationException("scan failed"));

        AnswerAbort(store, 6);
        await Assert.ThrowsAsync<InvalidOperationException>(() => switching);
        Assert.Equal(XenbusState.Initialising, device.State);
    }

    /// <summary>A device whose store is a probe the spec answers for.</summary>
    private (TestKit.TestProbe Store, XenbusDevice Device) OnAProbeStore()
    {
        var store = CreateTestProbe();
        return (store, new XenbusDevice(new XenStoreClient(store.Ref, 0, TestActor), Node, "/local/domain/3/device/pci/0"));
    }

    /// <summary>Plays the store for an XS_TRANSACTION_START: transaction <paramref name="tx"/>.</summary>
    private static void AnswerStart(TestKit.TestProbe store, uint tx)
    {
        store.ExpectMsg<XsTransactionStart>();
        store.Reply(XsResult.Of(tx.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Expects transaction <paramref name="tx"/> ended without a commit, and answers it.</summary>
    private static void AnswerAbort(TestKit.TestProbe store, uint tx)
    {
        var end = store.ExpectMsg<XsTransactionEnd>();
        Assert.Equal((tx, false), (end.TxId, end.Commit));
        store.Reply(XsResult.Ok);
    }

    /// <summary>
    /// Plays the store for a switch in transaction <paramref name="tx"/>: the state read and write (the write arrives
    /// while the read is still unanswered: one round trip for both), then the commit. Returns the state written.
    /// </summary>
    private static string AnswerSwitch(TestKit.TestProbe store, uint tx, string current)
    {
        var read = store.ExpectMsg<XsRead>();
        var readBy = store.LastSender;
        var write = store.ExpectMsg<XsWrite>();
        var writeBy = store.LastSender;
        Assert.Equal((Node + "/state", tx), (read.Path, read.TxId));
        Assert.Equal((Node + "/state", tx), (write.Path, write.TxId));
        readBy.Tell(XsResult.Of(current), store.Ref);
        writeBy.Tell(XsResult.Ok, store.Ref);
        var end = store.ExpectMsg<XsTransactionEnd>();
        Assert.Equal((tx, true), (end.TxId, end.Commit));
        store.Reply(XsResult.Ok);
        return write.Value;
    }

    /// <summary>A device on a XenStore actor, and the toolstack's connection to the same store.</summary>
    private (XenStoreClient Toolstack, XenbusDevice Device) OnARealStore()
    {
        var store = Sys.ActorOf(XenStoreActor.Props(new SharedXenStore()));
        return (new XenStoreClient(store, 0, TestActor), new XenbusDevice(new XenStoreClient(store, 0, TestActor), Node, "/local/domain/3/device/pci/0"));
    }
}
