using System.Globalization;
using System.Text;
using XenActors.Actor;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.XenStore;

/// <summary>
/// The host's XenStore service as an actor. Each (owner, domid) pair is one store connection, as a
/// domain's ring is to xenstored: watches fire to the owner, transactions belong to it, and both go
/// when the owner stops. The core may be shared with the unix-socket server (<see cref="SharedXenStore"/>),
/// so the real xenstore tools see the tree the actors change.
/// </summary>
public sealed class XenStoreActor : ReceiveActor
{
    private readonly SharedXenStore _store;
    private readonly Dictionary<(IActorRef Owner, uint DomId), XsConnection> _connections = [];
    private readonly XsConnection _tooling;
    private readonly Dictionary<(XsConnection Connection, uint TxId), List<XsNodeWritten>> _txWrites = [];
    private readonly HashSet<IActorRef> _writeSubscribers = [];

    public XenStoreActor(SharedXenStore store)
    {
        _store = store;
        _tooling = store.Run(core => core.Connect(0, true, new ActorWatchSink(ActorRefs.Nobody)));
        Receive<XsRequest>(r => Sender.Tell(_store.Run(core => Handle(core, r))));
        Receive<XsList>(l => Sender.Tell(_store.Run(core => List(core, l.Root))));
        Receive<XsSubscribeWrites>(s =>
        {
            if (_writeSubscribers.Add(s.Subscriber))
                Context.Watch(s.Subscriber);
            Sender.Tell(XsResult.Ok);
        });
        Receive<Terminated>(t =>
        {
            _writeSubscribers.Remove(t.ActorRef);
            OwnerStopped(t.ActorRef);
        });
    }

    public static Props Props(SharedXenStore store) => Actor.Props.Create(() => new XenStoreActor(store));

    protected override void PostStop() => _store.Run(core =>
    {
        foreach (var c in _connections.Values)
            core.Disconnect(c);
        core.Disconnect(_tooling);
    });

    private XsResult Handle(XenStoreCore core, XsRequest request)
    {
        var c = ConnectionFor(core, request);
        switch (request)
        {
            case XsRead r:
                {
                    var err = core.Read(c, r.TxId, r.Path, out var value);
                    return err == XsdError.None ? XsResult.Of(Encoding.UTF8.GetString(value)) : XsResult.Fail(err);
                }
            case XsWrite w:
                {
                    var err = core.Write(c, w.TxId, w.Path, w.Value);
                    if (err == XsdError.None)
                        Journal(c, w);
                    return Result(err);
                }
            case XsMkdir m:
                return Result(core.Mkdir(c, m.TxId, m.Path));
            case XsRm rm:
                return Result(core.Rm(c, rm.TxId, rm.Path));
            case XsDirectory d:
                {
                    var err = core.Directory(c, d.TxId, d.Path, out var children);
                    return err == XsdError.None ? new XsResult(err, "", [.. children]) : XsResult.Fail(err);
                }
            case XsGetPerms g:
                {
                    var err = core.GetPerms(c, g.TxId, g.Path, out var acl);
                    return err == XsdError.None ? new XsResult(err, acl.ToString(), acl.Entries.Select(e => e.ToString()).ToList()) : XsResult.Fail(err);
                }
            case XsSetPerms s:
                {
                    var perms = new List<XsPerm>(s.Perms.Count);
                    foreach (var text in s.Perms)
                    {
                        if (!XsPerm.TryParse(text, out var perm))
                            return XsResult.Fail(XsdError.EINVAL);
                        perms.Add(perm);
                    }
                    return perms.Count == 0 ? XsResult.Fail(XsdError.EINVAL) : Result(core.SetPerms(c, s.TxId, s.Path, perms));
                }
            case XsWatch w:
                return Result(core.Watch(c, w.Path, w.Token));
            case XsUnwatch u:
                return Result(core.Unwatch(c, u.Path, u.Token));
            case XsTransactionStart:
                {
                    var err = core.TransactionStart(c, out var tx);
                    return err == XsdError.None ? XsResult.Of(tx.ToString(CultureInfo.InvariantCulture)) : XsResult.Fail(err);
                }
            case XsTransactionEnd e:
                {
                    var err = core.TransactionEnd(c, e.TxId, e.Commit);
                    if (_txWrites.Remove((c, e.TxId), out var writes) && err == XsdError.None && e.Commit)
                    {
                        foreach (var written in writes)
                            Publish(written);
                    }
                    return Result(err);
                }
            case XsIntroduce i:
                return !c.Privileged ? XsResult.Fail(XsdError.EACCES) : Result(core.Introduce(c, i.NewDomId, 0, 0));
            case XsRelease r:
                {
                    if (!c.Privileged)
                        return XsResult.Fail(XsdError.EACCES);
                    var err = core.Release(c, r.ReleasedDomId);
                    if (err == XsdError.None)
                        ForgetDomain(core, r.ReleasedDomId);
                    return Result(err);
                }
            default:
                return XsResult.Fail(XsdError.ENOSYS);
        }
    }

    /// <summary>Publishes committed writes (a transaction's when it commits), only if someone listens.</summary>
    private void Journal(XsConnection c, XsWrite w)
    {
        if (_writeSubscribers.Count == 0 && !Context.System.EventStream.HasSubscribers(typeof(XsNodeWritten)))
            return;
        var path = w.Path.StartsWith('/') ? w.Path : $"/local/domain/{c.DomId}/{w.Path}";
        var written = new XsNodeWritten(c.DomId, path, w.Value);
        if (w.TxId == 0)
            Publish(written);
        else if (_txWrites.TryGetValue((c, w.TxId), out var list))
            list.Add(written);
        else
            _txWrites[(c, w.TxId)] = [written];
    }

    /// <summary>To this store's own subscribers and to the system's event stream (the split host's journal).</summary>
    private void Publish(XsNodeWritten written)
    {
        foreach (var subscriber in _writeSubscribers)
            subscriber.Tell(written, ActorRefs.NoSender);
        Context.System.EventStream.Publish(written);
    }

    private static XsResult Result(XsdError error) => error == XsdError.None ? XsResult.Ok : XsResult.Fail(error);

    private XsConnection ConnectionFor(XenStoreCore core, XsRequest request)
    {
        var key = (request.Owner, request.DomId);
        if (_connections.TryGetValue(key, out var c) && c.IsOpen)
            return c;
        c = core.Connect(request.DomId, request.DomId == 0, new ActorWatchSink(request.Owner));
        _connections[key] = c;
        if (!request.Owner.IsNobody())
            Context.Watch(request.Owner);
        return c;
    }

    /// <summary>A released domain's rings are gone: their connections are closed by the core; drop them here.</summary>
    private void ForgetDomain(XenStoreCore core, uint domId)
    {
        foreach (var key in _connections.Keys.Where(k => k.DomId == domId).ToList())
        {
            core.Disconnect(_connections[key]);
            _connections.Remove(key);
        }
    }

    private void OwnerStopped(IActorRef owner) => _store.Run(core =>
    {
        foreach (var key in _connections.Keys.Where(k => k.Owner.Equals(owner)).ToList())
        {
            core.Disconnect(_connections[key]);
            _connections.Remove(key);
        }
    });

    private XsListing List(XenStoreCore core, string root)
    {
        var entries = new List<XsListingEntry>();
        Walk(core, root, entries);
        return new XsListing(entries);
    }

    private void Walk(XenStoreCore core, string path, List<XsListingEntry> into)
    {
        if (core.Read(_tooling, 0, path, out var value) != XsdError.None)
            return;
        core.GetPerms(_tooling, 0, path, out var acl);
        into.Add(new XsListingEntry(path, Encoding.UTF8.GetString(value), acl.ToString()));
        if (core.Directory(_tooling, 0, path, out var children) != XsdError.None)
            return;
        foreach (var child in children)
            Walk(core, path == "/" ? "/" + child : path + "/" + child, into);
    }
}
