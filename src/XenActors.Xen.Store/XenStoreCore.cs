using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>
/// The XenStore: tree, permissions, quotas, transactions, watches and domains, with xenstored's
/// semantics and error codes. Single-threaded by contract: callers (the socket server, an actor)
/// serialize every call; nothing here locks. Watch events go out through each connection's
/// <see cref="IXsConnectionSink"/> at the end of the public call that caused them.
/// </summary>
public sealed partial class XenStoreCore
{
    private static readonly byte[] Ok = XsPayload.Encode("OK");

    private readonly Dictionary<string, XsNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, int> _nodeCounts = [];
    private readonly Dictionary<string, XsAcl> _specialAcls = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, XsDomain> _domains = [];
    private readonly Dictionary<uint, XsQuotas> _domainQuotas = [];
    private readonly HashSet<XsConnection> _connections = [];
    private long _generation;
    private long _nextConnectionId;

    public XenStoreCore(XsQuotas? quotas = null)
    {
        Quotas = quotas ?? XsQuotas.Default;
        _nodes["/"] = new XsNode([], XsAcl.Dom0Only, [], ++_generation);
        _nodeCounts[0] = 1;
        _specialAcls[XsPath.IntroduceDomain] = XsAcl.Dom0Only;
        _specialAcls[XsPath.ReleaseDomain] = XsAcl.Dom0Only;
        _domains[0] = new XsDomain(0) { Introduced = true };
    }

    /// <summary>Quotas for unprivileged domains without an override (SET_QUOTA / CONTROL quota change them).</summary>
    public XsQuotas Quotas { get; set; }

    /// <summary>CONTROL print and log lines go here; the host wires it to its logger.</summary>
    public Action<string>? Log { get; set; }

    public int NodeCount => _nodes.Count;

    public int ConnectionCount => _connections.Count;

    /// <summary>Opens a connection acting as <paramref name="domId"/>. Socket clients are dom0 and privileged.</summary>
    public XsConnection Connect(uint domId, bool privileged, IXsConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var conn = new XsConnection(++_nextConnectionId, domId, privileged, sink);
        _connections.Add(conn);
        Domain(domId);
        return conn;
    }

    /// <summary>The client went away: its watches go and its open transactions are discarded.</summary>
    public void Disconnect(XsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        DropWatchesAndTransactions(connection);
        connection.IsOpen = false;
        _connections.Remove(connection);
    }

    /// <summary>Number of nodes a domain owns (what the node quota counts).</summary>
    public int NodesOwnedBy(uint domId) => _nodeCounts.GetValueOrDefault(domId);

    public XsQuotas QuotasFor(uint domId) => _domainQuotas.TryGetValue(domId, out var q) ? q : Quotas;

    private XsQuotas? QuotasFor(XsConnection c) => c.Privileged ? null : QuotasFor(c.DomId);

    private XsDomain Domain(uint domId)
    {
        if (!_domains.TryGetValue(domId, out var d))
            _domains[domId] = d = new XsDomain(domId);
        return d;
    }

    private uint? TargetOf(XsConnection c) => _domains.TryGetValue(c.DomId, out var d) ? d.Target : null;

    private XsAccess AccessFor(XsConnection c, XsAcl acl) => acl.AccessFor(c.DomId, c.Privileged, TargetOf(c));

    private XsdError Canonicalize(XsConnection c, string? raw, bool allowSpecial, out string path, out bool relative) =>
        XsPath.Canonicalize(raw, c.DomId, allowSpecial, QuotasFor(c)?.PathLength, out path, out relative);

    /// <summary>
    /// The transaction's view of a node (its own write, else what it saw first, else the committed
    /// node, remembered for conflict detection).
    /// </summary>
    private XsNode? Lookup(XsTransaction? tx, string path)
    {
        if (tx is null)
            return _nodes.GetValueOrDefault(path);
        if (tx.Writes.TryGetValue(path, out var written))
            return written;
        if (tx.Seen.TryGetValue(path, out var seen))
            return seen;
        var committed = _nodes.GetValueOrDefault(path);
        tx.Seen[path] = committed;
        return committed;
    }

    /// <summary>Stores a new version (null removes). In a transaction it only lands in the overlay.</summary>
    private void Store(XsTransaction? tx, string path, XsNode? node)
    {
        if (tx is null)
        {
            if (node is null)
                _nodes.Remove(path);
            else
                _nodes[path] = node;
            return;
        }
        if (!tx.Writes.ContainsKey(path) && !tx.Seen.ContainsKey(path))
            tx.Seen[path] = _nodes.GetValueOrDefault(path);
        tx.Writes[path] = node;
    }

    private int CountFor(XsTransaction? tx, uint owner) =>
        _nodeCounts.GetValueOrDefault(owner) + (tx?.NodeDelta.GetValueOrDefault(owner) ?? 0);

    private void AdjustCount(XsTransaction? tx, uint owner, int delta)
    {
        var counts = tx?.NodeDelta ?? _nodeCounts;
        counts[owner] = counts.GetValueOrDefault(owner) + delta;
    }

    /// <summary>Would writing <paramref name="entries"/> more nodes break the transaction-nodes quota?</summary>
    private bool TransactionFull(XsConnection c, XsTransaction? tx, int entries) =>
        tx is not null && QuotasFor(c) is { } q && tx.Writes.Count + entries > q.TransactionNodes;

    /// <summary>
    /// get_node() + get_node_chk_perm(): the node if the caller has <paramref name="need"/>; otherwise
    /// EACCES, or ENOENT when it is missing and the nearest existing ancestor would let the caller know that.
    /// </summary>
    private XsdError GetNode(XsConnection c, XsTransaction? tx, string path, XsAccess need, out XsNode? node)
    {
        node = Lookup(tx, path);
        if (node is not null)
            return (AccessFor(c, node.Acl) & need) == need ? XsdError.None : XsdError.EACCES;

        var ancestor = path;
        XsNode? existing;
        do
        {
            ancestor = XsPath.Parent(ancestor);
            existing = Lookup(tx, ancestor);
        }
        while (existing is null && ancestor != "/");
        return existing is not null && (AccessFor(c, existing.Acl) & need) != 0 ? XsdError.ENOENT : XsdError.EACCES;
    }

    private static XsReply Reply(in XsMessage request, byte[] payload) => new(request.Type, request.ReqId, request.TxId, payload);

    private static XsReply Error(in XsMessage request, XsdError error) =>
        new(XsdMessageType.Error, request.ReqId, request.TxId, XsdErrors.Payload(error));

    private static XsReply OkOrError(in XsMessage request, XsdError error) =>
        error == XsdError.None ? Reply(request, Ok) : Error(request, error);
}
