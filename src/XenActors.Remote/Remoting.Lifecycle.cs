using XenActors.Actor;
using XenActors.Dispatch.SysMsg;
using XenActors.Remote.Transport;

namespace XenActors.Remote;

public sealed partial class Remoting
{
    /// <summary>Heartbeats on live connections, and the watch failure detector for nodes whose actors are watched.</summary>
    private void Tick()
    {
        if (IsShuttingDown) return;
        Trace?.Flush();
        if (Trace?.TakeFailure() is { } failure) Log.Error(failure);
        foreach (var association in _associations.Values)
        {
            if (association.Active is { IsClosed: false }) association.Enqueue(null, ControlFrame.Heartbeat, null);
        }
        foreach (var address in Watches.WatchedAddresses())
        {
            var association = AssociationFor(address);
            if (association.SinceLastHeard > Settings.WatchUnreachableAfter)
            {
                Log.Warning($"detected unreachable node {address}: nothing heard for {association.SinceLastHeard.TotalSeconds:0.#} s");
                AddressTerminatedNow(address, association.RemoteUid, "node lost", quarantine: association.RemoteUid != 0);
            }
        }
    }

    /// <summary>A peer came back with a new uid: the old incarnation is gone for good (Akka quarantines it).</summary>
    internal void OnNewIncarnation(Address address, long oldUid, long newUid)
    {
        Log.Warning($"{address} restarted: uid {oldUid} is replaced by {newUid}");
        Quarantine(address, oldUid, "the node restarted with a new incarnation");
    }

    /// <summary>
    /// Quarantines the incarnation <paramref name="uid"/> of <paramref name="address"/>: it can never associate again
    /// (it must restart), watchers of its actors get Terminated(addressTerminated), and the link is dropped.
    /// Used by the cluster when a member is downed or removed.
    /// </summary>
    public void Quarantine(Address address, long uid, string reason)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (uid == 0 || !_quarantined.TryAdd(uid, address)) return;
        Log.Warning($"Association to [{address}] having UID [{uid}] is irrecoverably failed. UID is now quarantined and all messages to this UID will be delivered to dead letters. Remote ActorSystem must be restarted to recover from this situation. Reason: {reason}");
        if (_associations.TryGetValue(address, out var association))
        {
            if (association.Active is { } active && active.RemoteUid == uid)
            {
                association.Enqueue(null, new ControlFrame(Wire.PduKind.Disassociate, Wire.DisassociateReason.Quarantined), null);
            }
            association.ForgetUid(uid);
        }
        Published(new QuarantinedEvent(address, uid, reason));
        AddressTerminatedNow(address, uid, reason, quarantine: false);
    }

    /// <summary>Every local watcher of an actor on <paramref name="address"/> gets Terminated(addressTerminated: true).</summary>
    internal void AddressTerminatedNow(Address address, long uid, string reason, bool quarantine)
    {
        if (quarantine)
        {
            Quarantine(address, uid, reason);
            return;
        }
        var pairs = Watches.TakeAll(address);
        foreach (var (watchee, watcher) in pairs)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: false, addressTerminated: true));
        }
        if (pairs.Count > 0) Log.Info($"{address} terminated ({reason}): told {pairs.Count} watcher(s)");
        Published(new AddressTerminated(address));
    }

    /// <summary>
    /// Sends what is queued and a Disassociate(shutting down) to every peer, then closes. Runs by itself when
    /// the actor system has terminated.
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) == 1) return;
        await _tick.DisposeAsync().ConfigureAwait(false);
        _listener.Dispose();
        await Task.WhenAll(_associations.Values.Select(a => a.StopAsync(TimeSpan.FromSeconds(2), graceful: true))).ConfigureAwait(false);
        SystemImpl.RemoteResolver = null;
        Trace?.Dispose();
        Log.Info("remoting shut down");
    }

    /// <summary>
    /// Drops every connection and the listener at once, without telling anyone: what a killed process looks like
    /// to its peers. For tests and drills; the actor system is left to be terminated by the caller.
    /// </summary>
    public async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) == 1) return;
        await _tick.DisposeAsync().ConfigureAwait(false);
        _listener.Dispose();
        await Task.WhenAll(_associations.Values.Select(a => a.StopAsync(TimeSpan.Zero, graceful: false))).ConfigureAwait(false);
        Trace?.Dispose();
        Log.Warning("remoting aborted (simulated crash)");
    }
}
