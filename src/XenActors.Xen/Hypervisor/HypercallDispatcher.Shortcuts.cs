using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

// Event-channel shortcuts (HvShortcut): which bound ports may send straight to their peer's handler, offered to each
// port's own handler and withdrawn as soon as the route no longer holds.
internal sealed partial class HypercallDispatcher
{
    /// <summary>What each shortcut-taking port's handler was last told; an absent key means "nothing offered".</summary>
    private readonly Dictionary<(int Domid, int Port), HvShortcut> _offered = [];

    /// <summary>Set by any call that may change a route; the routes are looked at again only then.</summary>
    private bool _routesStale;

    /// <summary>
    /// After a batch that may have changed a route (the caller holds the gate): tells each shortcut-taking handler whose route changed. Only ports
    /// bound with <see cref="HvBindUpcalls.Shortcuts"/> are looked at, so a host whose drivers all call directly pays
    /// nothing.
    /// </summary>
    private void OfferShortcuts()
    {
        if (!_routesStale)
            return;
        _routesStale = false;
        if (_shortcutPorts.Count == 0 && _offered.Count == 0)
            return;
        foreach (var key in _offered.Keys.Where(k => !_shortcutPorts.Contains(k)).ToList())
            _offered.Remove(key); // the port or its handler is gone: nobody left to tell
        foreach (var key in _shortcutPorts)
        {
            if (!_portHandlers.TryGetValue(key, out var own))
                continue;
            var route = RouteFrom(key.Domid, key.Port);
            var last = _offered.GetValueOrDefault(key);
            if (route == last)
                continue;
            if (route is null)
                _offered.Remove(key);
            else
                _offered[key] = route;
            own.Handler.Tell(route ?? new HvShortcut(key.Domid, key.Port, null), Self);
        }
    }

    /// <summary>
    /// The shortcut for sends on <paramref name="domid"/>'s <paramref name="port"/>, or null: the port is interdomain,
    /// the peer runs, its port is unmasked and bound to a shortcut-taking handler with a snapshot of the very page the
    /// sender writes (the sender's own frame mapped by the peer, or the peer's frame mapped by the sender).
    /// </summary>
    private HvShortcut? RouteFrom(int domid, int port)
    {
        if (!_xen.Status(domid, domid, port).TryGetValue(out var channel)
            || channel is not { Status: Protocol.EventChannelStatus.Interdomain, RemoteDomain: int peer, RemotePort: int peerPort })
            return null;
        if (!_xen.GetDomain(peer).TryGetValue(out var peerDomain) || peerDomain.State != DomainState.Running || _xen.IsMasked(peer, peerPort))
            return null;
        if (!_portHandlers.TryGetValue((peer, peerPort), out var target) || !target.Shortcuts || target.SnapshotLength <= 0)
            return null;
        if (target.SnapshotMapping is { } handle)
        {
            return _mappings.TryGetValue((peer, handle), out var theirs) && theirs.IsMapped && theirs.Granter == domid
                ? new HvShortcut(domid, port, target.Handler, peer, peerPort, target.SnapshotLength, SourceGfn: theirs.Frame)
                : null;
        }
        if (target.SnapshotGfn is { } gfn)
        {
            var ours = _mappings.Values.FirstOrDefault(m => m.Mapper == domid && m.Granter == peer && m.Frame == gfn && m.IsMapped && !m.ReadOnly);
            return ours is null
                ? null
                : new HvShortcut(domid, port, target.Handler, peer, peerPort, target.SnapshotLength, SourceMapping: ours.Handle, WriteBackGfn: gfn);
        }
        return null;
    }
}
