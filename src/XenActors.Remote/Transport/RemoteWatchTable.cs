using XenActors.Actor;

namespace XenActors.Remote.Transport;

/// <summary>
/// Which local actors watch which remote actors (Akka's RemoteWatcher bookkeeping), so that losing a node can
/// tell every watcher of its actors, and an incoming death notice can name the exact ref the watcher holds.
/// </summary>
internal sealed class RemoteWatchTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Address, Dictionary<ActorPath, Entry>> _byAddress = [];

    private sealed class Entry(IInternalActorRef watchee)
    {
        public IInternalActorRef Watchee { get; } = watchee;
        public HashSet<IInternalActorRef> Watchers { get; } = [];
    }

    public void Add(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(watchee.Path.Address, out var byPath)) _byAddress[watchee.Path.Address] = byPath = [];
            if (!byPath.TryGetValue(watchee.Path, out var entry)) byPath[watchee.Path] = entry = new Entry(watchee);
            entry.Watchers.Add(watcher);
        }
    }

    public void Remove(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(watchee.Path.Address, out var byPath) || !byPath.TryGetValue(watchee.Path, out var entry)) return;
            entry.Watchers.Remove(watcher);
            if (entry.Watchers.Count == 0) byPath.Remove(watchee.Path);
            if (byPath.Count == 0) _byAddress.Remove(watchee.Path.Address);
        }
    }

    /// <summary>The ref a watcher holds for the actor at <paramref name="path"/> (uid-insensitive), forgotten after this.</summary>
    public IInternalActorRef? TakeWatchee(ActorPath path, IInternalActorRef watcher)
    {
        lock (_gate)
        {
            if (!_byAddress.TryGetValue(path.Address, out var byPath) || !byPath.TryGetValue(path, out var entry)) return null;
            entry.Watchers.Remove(watcher);
            if (entry.Watchers.Count == 0) byPath.Remove(path);
            if (byPath.Count == 0) _byAddress.Remove(path.Address);
            return entry.Watchee;
        }
    }

    public IReadOnlyList<Address> WatchedAddresses()
    {
        lock (_gate) return [.. _byAddress.Keys];
    }

    /// <summary>Every (watchee, watcher) pair on <paramref name="address"/>, removed from the table.</summary>
    public List<(IInternalActorRef Watchee, IInternalActorRef Watcher)> TakeAll(Address address)
    {
        var result = new List<(IInternalActorRef, IInternalActorRef)>();
        lock (_gate)
        {
            if (!_byAddress.Remove(address, out var byPath)) return result;
            foreach (var entry in byPath.Values)
            {
                foreach (var watcher in entry.Watchers) result.Add((entry.Watchee, watcher));
            }
        }
        return result;
    }
}
