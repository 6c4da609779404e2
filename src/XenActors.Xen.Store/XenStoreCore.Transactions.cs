using System.Globalization;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>Transactions: start, commit with generation-count conflict detection, abort.</summary>
public sealed partial class XenStoreCore
{
    public XsdError TransactionStart(XsConnection connection, out uint txId)
    {
        using var batch = Batch();
        return TransactionStartCore(connection, null, out txId);
    }

    /// <summary>END: commit (T) or discard (F). EAGAIN when a node it touched changed meanwhile; nothing is kept.</summary>
    public XsdError TransactionEnd(XsConnection connection, uint txId, bool commit)
    {
        using var batch = Batch();
        var err = ResolveTransaction(connection, txId, out var tx);
        if (err != XsdError.None)
            return err;
        return tx is null ? XsdError.ENOENT : TransactionEndCore(connection, tx, commit ? "T" : "F");
    }

    private XsdError ResolveTransaction(XsConnection c, uint txId, out XsTransaction? tx)
    {
        tx = null;
        if (!c.IsOpen)
            return XsdError.EINVAL;
        if (txId == 0)
            return XsdError.None;
        return c.Transactions.TryGetValue(txId, out tx) ? XsdError.None : XsdError.ENOENT;
    }

    private XsdError TransactionStartCore(XsConnection c, XsTransaction? current, out uint txId)
    {
        txId = 0;
        if (current is not null)
            return XsdError.EBUSY;
        if (QuotasFor(c) is { } q && c.Transactions.Count >= q.Transactions)
            return XsdError.ENOSPC;
        var id = c.NextTransactionId;
        while (id == 0 || c.Transactions.ContainsKey(id))
            id++;
        c.NextTransactionId = id + 1;
        c.Transactions[id] = new XsTransaction(id);
        txId = id;
        return XsdError.None;
    }

    private XsdError TransactionEndCore(XsConnection c, XsTransaction tx, string? arg)
    {
        if (arg is not ("T" or "F"))
            return XsdError.EINVAL;
        c.Transactions.Remove(tx.Id);
        if (arg == "F")
            return XsdError.None;

        // Every node the transaction looked at (read, written, or found absent) must be unchanged.
        foreach (var (path, seen) in tx.Seen)
        {
            var now = _nodes.GetValueOrDefault(path);
            if ((now?.Generation ?? -1) != (seen?.Generation ?? -1))
                return XsdError.EAGAIN;
        }

        foreach (var (path, node) in tx.Writes)
        {
            if (node is null)
                _nodes.Remove(path);
            else
                _nodes[path] = node;
        }
        foreach (var (owner, delta) in tx.NodeDelta)
            _nodeCounts[owner] = _nodeCounts.GetValueOrDefault(owner) + delta;
        foreach (var fire in tx.Fires)
            Dispatch(fire);
        return XsdError.None;
    }

    private static string FormatId(uint id) => id.ToString(CultureInfo.InvariantCulture);
}
