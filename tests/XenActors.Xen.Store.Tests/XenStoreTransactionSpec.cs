using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStoreTransactionSpec
{
    private readonly XenStoreCore _core = new();
    private readonly TestClient _a;
    private readonly TestClient _b;

    public XenStoreTransactionSpec()
    {
        _a = new TestClient(_core, 0, privileged: true);
        _b = new TestClient(_core, 0, privileged: true);
    }

    [Fact]
    public void Must_fail_commit_with_EAGAIN_when_a_node_it_read_changed()
    {
        _a.Write("/x", "0");
        var tx = _a.Start();
        Assert.Equal("0", _a.Read("/x", tx));
        _b.Write("/x", "1");
        _a.Write("/y", "from-tx", tx);
        Assert.Equal(XsdError.EAGAIN, _a.End(tx));
        Assert.Equal(XsdError.ENOENT, _a.ReadError("/y"));
        Assert.Null(_core.CheckConsistency());
    }

    [Fact]
    public void Must_fail_commit_with_EAGAIN_when_a_node_it_wrote_changed()
    {
        _a.Write("/x", "0");
        var tx = _a.Start();
        _a.Write("/x", "tx", tx);
        _b.Write("/x", "outside");
        Assert.Equal(XsdError.EAGAIN, _a.End(tx));
        Assert.Equal("outside", _a.Read("/x"));
    }

    [Fact]
    public void Must_fail_commit_with_EAGAIN_when_a_node_it_found_absent_was_created()
    {
        var tx = _a.Start();
        Assert.Equal(XsdError.ENOENT, _a.ReadError("/late", tx));
        _b.Write("/late", "now");
        Assert.Equal(XsdError.EAGAIN, _a.End(tx));
    }

    [Fact]
    public void Must_commit_when_nothing_it_touched_changed()
    {
        _a.Write("/x", "0");
        var tx = _a.Start();
        _a.Read("/x", tx);
        _b.Write("/unrelated", "1");
        _a.Write("/x/child", "c", tx);
        Assert.Equal(XsdError.None, _a.End(tx));
        Assert.Equal("c", _b.Read("/x/child"));
    }

    [Fact]
    public void Must_hide_uncommitted_writes_from_others_and_show_them_inside()
    {
        var tx = _a.Start();
        _a.Write("/hidden/v", "1", tx);
        Assert.Equal("1", _a.Read("/hidden/v", tx));
        Assert.Equal(XsdError.ENOENT, _b.ReadError("/hidden/v"));
        Assert.Equal(XsdError.ENOENT, _a.ReadError("/hidden/v"));
        Assert.Equal(XsdError.None, _a.End(tx));
        Assert.Equal("1", _b.Read("/hidden/v"));
    }

    [Fact]
    public void Must_repeat_the_first_read_of_a_node_inside_a_transaction()
    {
        _a.Write("/x", "0");
        var tx = _a.Start();
        Assert.Equal("0", _a.Read("/x", tx));
        _b.Write("/x", "1");
        Assert.Equal("0", _a.Read("/x", tx));
    }

    [Fact]
    public void Must_discard_everything_on_abort()
    {
        var tx = _a.Start();
        _a.Write("/gone", "1", tx);
        _a.Rm("/", tx);
        Assert.Equal(XsdError.None, _a.End(tx, commit: false));
        Assert.Equal(XsdError.ENOENT, _a.ReadError("/gone"));
        Assert.Equal(1, _core.NodeCount);
    }

    [Fact]
    public void Must_answer_EBUSY_to_a_start_inside_a_transaction()
    {
        var tx = _a.Start();
        Assert.Equal(XsdError.EBUSY, _a.Call(XsdMessageType.TransactionStart, tx, "").Error);
    }

    [Fact]
    public void Must_answer_EINVAL_to_an_end_argument_other_than_T_or_F_and_keep_the_transaction()
    {
        var tx = _a.Start();
        Assert.Equal(XsdError.EINVAL, _a.Call(XsdMessageType.TransactionEnd, tx, "X").Error);
        Assert.Equal(XsdError.None, _a.End(tx));
    }

    [Fact]
    public void Must_answer_ENOENT_to_an_unknown_transaction_id()
    {
        Assert.Equal(XsdError.ENOENT, _a.End(4242));
        Assert.Equal(XsdError.ENOENT, _a.ReadError("/x", 4242));
        var tx = _a.Start();
        Assert.Equal(XsdError.ENOENT, _b.ReadError("/x", tx));
    }

    [Fact]
    public void Must_fire_watches_for_transaction_writes_only_at_commit()
    {
        _b.Watch("/w", "tok");
        _b.Events.Clear();
        var tx = _a.Start();
        _a.Write("/w/x", "1", tx);
        Assert.Empty(_b.Events);
        Assert.Equal(XsdError.None, _a.End(tx));
        Assert.Equal([("/w/x", "tok")], _b.Events);
    }

    [Fact]
    public void Must_not_fire_watches_for_a_transaction_that_failed()
    {
        _a.Write("/w", "0");
        _b.Watch("/w", "tok");
        var tx = _a.Start();
        _a.Write("/w", "tx", tx);
        _a.Write("/w", "outside");
        _b.Events.Clear();
        Assert.Equal(XsdError.EAGAIN, _a.End(tx));
        Assert.Empty(_b.Events);
    }

    [Fact]
    public void Must_discard_the_transactions_of_a_disconnected_client()
    {
        var tx = _a.Start();
        _a.Write("/never", "1", tx);
        _core.Disconnect(_a.Connection);
        Assert.Equal(XsdError.ENOENT, _b.ReadError("/never"));
        Assert.Equal(0, _a.Connection.TransactionCount);
    }

    [Fact]
    public void Must_remove_subtrees_inside_a_transaction_atomically()
    {
        _a.Write("/t/a", "1");
        _a.Write("/t/b", "2");
        var tx = _a.Start();
        _a.Rm("/t", tx);
        Assert.Equal("1", _b.Read("/t/a"));
        Assert.Equal(XsdError.None, _a.End(tx));
        Assert.Equal(XsdError.ENOENT, _b.ReadError("/t/a"));
        Assert.Null(_core.CheckConsistency());
    }
}
