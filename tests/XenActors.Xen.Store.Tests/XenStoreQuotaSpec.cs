using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XenStoreQuotaSpec
{
    private readonly XenStoreCore _core;
    private readonly TestClient _dom0;
    private readonly TestClient _guest;

    public XenStoreQuotaSpec()
    {
        _core = new XenStoreCore(new XsQuotas
        {
            Nodes = 4, Watches = 2, Transactions = 2, TransactionNodes = 3, PermsPerNode = 2, NodeSize = 64, PathLength = 40,
        });
        _dom0 = new TestClient(_core, 0, privileged: true);
        _guest = new TestClient(_core, 3, privileged: false);
        _dom0.Mkdir("/local/domain/3");
        _dom0.SetPerms("/local/domain/3", "n3");
    }

    [Fact]
    public void Must_fail_node_creation_beyond_the_node_quota_with_ENOSPC()
    {
        // The domain already owns /local/domain/3.
        Assert.Equal(XsdError.None, _guest.Write("a", "1"));
        Assert.Equal(XsdError.None, _guest.Write("b", "1"));
        Assert.Equal(XsdError.None, _guest.Write("c", "1"));
        Assert.Equal(XsdError.ENOSPC, _guest.Write("d", "1"));
        Assert.Equal(XsdError.None, _guest.Write("a", "overwrite is not a new node"));
        Assert.Equal(XsdError.None, _guest.Rm("a"));
        Assert.Equal(XsdError.None, _guest.Write("d", "1"));
    }

    [Fact]
    public void Must_count_implicitly_created_parents_against_the_node_quota()
    {
        Assert.Equal(XsdError.ENOSPC, _guest.Write("x/y/z/w", "1"));
        Assert.Equal(XsdError.ENOENT, _guest.ReadError("x"));
    }

    [Fact]
    public void Must_fail_watches_beyond_the_watch_quota_with_ENOSPC()
    {
        Assert.Equal(XsdError.None, _guest.Watch("a", "1"));
        Assert.Equal(XsdError.None, _guest.Watch("b", "2"));
        Assert.Equal(XsdError.ENOSPC, _guest.Watch("c", "3"));
    }

    [Fact]
    public void Must_fail_transactions_beyond_the_transaction_quota_with_ENOSPC()
    {
        _guest.Start();
        _guest.Start();
        Assert.Equal(XsdError.ENOSPC, _guest.Call(XsdMessageType.TransactionStart, 0, "").Error);
    }

    [Fact]
    public void Must_fail_a_transaction_writing_more_nodes_than_its_quota_with_ENOSPC()
    {
        var tx = _guest.Start();
        Assert.Equal(XsdError.None, _guest.Write("a", "1", tx));
        Assert.Equal(XsdError.ENOSPC, _guest.Write("b", "1", tx));
    }

    [Fact]
    public void Must_fail_too_many_permissions_per_node_with_ENOSPC()
    {
        _guest.Write("p", "");
        Assert.Equal(XsdError.ENOSPC, _guest.SetPerms("p", "n3", "r1", "r2"));
        Assert.Equal(XsdError.None, _guest.SetPerms("p", "n3", "r1"));
    }

    [Fact]
    public void Must_fail_values_beyond_the_node_size_quota_with_ENOSPC()
    {
        Assert.Equal(XsdError.ENOSPC, _guest.Write("big", new string('x', 100)));
        Assert.Equal(XsdError.None, _guest.Write("small", new string('x', 40)));
        Assert.Equal(XsdError.ENOSPC, _guest.Write("small", new string('x', 100)));
    }

    [Fact]
    public void Must_reject_paths_beyond_the_path_length_quota_with_EINVAL()
    {
        Assert.Equal(XsdError.EINVAL, _guest.Write(new string('a', 41), "1"));
        Assert.Equal(XsdError.None, _guest.Write(new string('a', 40), "1"));
    }

    [Fact]
    public void Must_not_limit_privileged_connections()
    {
        for (var i = 0; i < 20; i++)
            Assert.Equal(XsdError.None, _dom0.Write($"/many/{i}", new string('x', 100)));
    }

    [Fact]
    public void Must_let_dom0_change_and_read_quotas_per_domain()
    {
        Assert.Equal(XsdError.None, _dom0.Call(XsdMessageType.SetQuota, 0, "3", "nodes", "10").Error);
        Assert.Equal(["10"], XsPayload.Strings(_dom0.Call(XsdMessageType.GetQuota, 0, "3", "nodes").Payload));
        Assert.Equal(["4"], XsPayload.Strings(_dom0.Call(XsdMessageType.GetQuota, 0, "nodes").Payload));
        for (var i = 0; i < 9; i++)
            Assert.Equal(XsdError.None, _guest.Write($"n{i}", "1"));
        Assert.Equal(XsdError.EINVAL, _dom0.Call(XsdMessageType.GetQuota, 0, "bogus").Error);
    }
}
