using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>Watches: registration, matching, permission filtering, coalescing and delivery.</summary>
public sealed partial class XenStoreCore
{
    private readonly List<XsWatch> _watches = [];
    private readonly List<(XsConnection Connection, string Path, string Token)> _outbox = [];
    private readonly HashSet<(long, string, string)> _outboxKeys = [];
    private readonly List<XsConnection> _released = [];
    private int _batchDepth;

    public int WatchCount => _watches.Count;

    /// <summary>
    /// Every watch registered now, in the order they were set: its connection, its path and its token. A diagnostic
    /// for whoever hosts the store (the specs read it); no client request lists watches.
    /// </summary>
    public IReadOnlyList<(XsConnection Connection, string Path, string Token)> ListWatches() => [.. _watches.Select(w => (w.Connection, w.Path, w.Token))];

    /// <summary>WATCH: fires once at once with epath = the path as given, then on every change at or below it.</summary>
    public XsdError Watch(XsConnection connection, string path, string token, int? depth = null)
    {
        using var batch = Batch();
        return WatchCore(connection, path, token, depth);
    }

    public XsdError Unwatch(XsConnection connection, string path, string token)
    {
        using var batch = Batch();
        return UnwatchCore(connection, path, token);
    }

    /// <summary>RESET_WATCHES: drops all of the caller's watches and transactions.</summary>
    public void ResetWatches(XsConnection connection)
    {
        using var batch = Batch();
        DropWatchesAndTransactions(connection);
    }

    internal XsBatchScope Batch()
    {
        _batchDepth++;
        return new XsBatchScope(this);
    }

    internal void EndBatch()
    {
        if (--_batchDepth > 0 || (_outbox.Count == 0 && _released.Count == 0))
            return;
        var events = _outbox.ToArray();
        var released = _released.ToArray();
        _outbox.Clear();
        _outboxKeys.Clear();
        _released.Clear();
        foreach (var (conn, path, token) in events)
        {
            if (conn.IsOpen)
                conn.Sink.WatchEvent(conn, path, token);
        }
        foreach (var conn in released)
            conn.Sink.Released(conn);
    }

    private XsdError WatchCore(XsConnection c, string? raw, string? token, int? depth)
    {
        if (token is null)
            return XsdError.EINVAL;
        var err = Canonicalize(c, raw, true, out var path, out var relative);
        if (err != XsdError.None)
            return err;
        foreach (var w in c.Watches)
        {
            if (w.Path == path && w.Token == token)
                return XsdError.EEXIST;
        }
        if (QuotasFor(c) is { } q && c.Watches.Count >= q.Watches)
            return XsdError.ENOSPC;

        var watch = new XsWatch(c, path, token, relative ? XsPath.DomainPath(c.DomId) + "/" : null, depth);
        c.Watches.Add(watch);
        _watches.Add(watch);
        Enqueue(c, watch.EventPath(path), token, coalesce: false);
        return XsdError.None;
    }

    private XsdError UnwatchCore(XsConnection c, string? raw, string? token)
    {
        if (token is null)
            return XsdError.EINVAL;
        var err = Canonicalize(c, raw, true, out var path, out _);
        if (err != XsdError.None)
            return err;
        var index = c.Watches.FindIndex(w => w.Path == path && w.Token == token);
        if (index < 0)
            return XsdError.ENOENT;
        _watches.Remove(c.Watches[index]);
        c.Watches.RemoveAt(index);
        return XsdError.None;
    }

    private void DropWatchesAndTransactions(XsConnection c)
    {
        if (c.Watches.Count > 0)
        {
            _watches.RemoveAll(w => ReferenceEquals(w.Connection, c));
            c.Watches.Clear();
        }
        c.Transactions.Clear();
    }

    /// <summary>Outside a transaction a change is announced now; inside, at commit.</summary>
    private void Fire(XsTransaction? tx, XsPendingFire fire)
    {
        if (tx is not null)
            tx.Fires.Add(fire);
        else
            Dispatch(fire);
    }

    private void Dispatch(XsPendingFire fire)
    {
        if (_watches.Count == 0)
            return;
        foreach (var w in _watches)
        {
            var matches = fire.Exact ? w.Path == fire.Path : XsPath.IsAtOrBelow(fire.Path, w.Path);
            if (!matches || (w.Depth is { } d && XsPath.DepthBelow(fire.Path, w.Path) > d))
                continue;
            if (!MayWitness(w.Connection, fire))
                continue;
            Enqueue(w.Connection, w.EventPath(fire.Path), w.Token, coalesce: true);
        }
    }

    /// <summary>@introduceDomain / @releaseDomain go to whoever may read that special node's ACL.</summary>
    private void DispatchSpecial(string special)
    {
        var acl = _specialAcls[special];
        foreach (var w in _watches)
        {
            if (w.Path == special && (AccessFor(w.Connection, acl) & XsAccess.Read) != 0)
                Enqueue(w.Connection, special, w.Token, coalesce: false);
        }
    }

    /// <summary>A watcher learns of a change only if it could read the node under its new or old ACL.</summary>
    private bool MayWitness(XsConnection c, XsPendingFire fire)
    {
        if (c.Privileged || fire.Acl is null)
            return true;
        return (AccessFor(c, fire.Acl) & XsAccess.Read) != 0
            || (fire.OldAcl is { } old && (AccessFor(c, old) & XsAccess.Read) != 0);
    }

    private void Enqueue(XsConnection c, string path, string token, bool coalesce)
    {
        if (coalesce && !_outboxKeys.Add((c.Id, path, token)))
            return;
        _outbox.Add((c, path, token));
    }
}
