using System.Collections.Concurrent;

namespace XenActors.Actor;

internal sealed partial class ActorSystemImpl
{
    // Every Ask adds and removes an entry: many lock stripes, or hundreds of concurrent asks queue on a few.
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(concurrencyLevel: 64, capacity: 1024, StringComparer.Ordinal);
    private long _tempNumber;

    internal ActorCell RootCell { get; private set; } = null!;
    internal ActorCell UserGuardianCell { get; private set; } = null!;
    internal ActorCell SystemGuardianCell { get; private set; } = null!;
    internal LocalActorRef RootRef => RootCell.SelfRef;
    internal ActorPath TempPath => RootPath / "temp";

    private void StartGuardians()
    {
        var walker = new BubbleWalker(this);
        RootCell = new ActorCell(this, RootPath, Props.Create<RootGuardian>(), walker, Dispatcher);
        UserGuardianCell = ((LocalActorRef)RootCell.AttachChild(Props.Create<GuardianActor>(), "user", systemService: true)).Cell;
        SystemGuardianCell = ((LocalActorRef)RootCell.AttachChild(Props.Create<GuardianActor>(), "system", systemService: true)).Cell;
        RootCell.Start();
    }

    /// <summary>A fresh path under /temp for an Ask's reply ref.</summary>
    internal ActorPath NewTempPath() => TempPath.Child("$" + Interlocked.Increment(ref _tempNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));

    internal void RegisterTemp(IInternalActorRef actorRef) => _temp[actorRef.Path.Name] = actorRef;

    internal void UnregisterTemp(IInternalActorRef actorRef) => _temp.TryRemove(actorRef.Path.Name, out _);

    internal bool TryGetTemp(string name, out IInternalActorRef actorRef) => _temp.TryGetValue(name, out actorRef!);

    /// <summary>True when <paramref name="address"/> names this system (its local or its external address).</summary>
    internal bool IsLocal(Address address) => address == LocalAddress || address == ExternalAddress;

    /// <summary>Finds the actor at <paramref name="path"/>, here or (through remoting) on another node.</summary>
    internal IActorRef ResolveActorRef(ActorPath path)
    {
        if (!IsLocal(path.Address))
        {
            return RemoteResolver?.Invoke(path) ?? new EmptyLocalActorRef(this, path);
        }
        var found = LookupLocal(path.Elements);
        if (found is null || (path.Uid != ActorPath.UndefinedUid && found.Path.Uid != path.Uid))
        {
            return new EmptyLocalActorRef(this, path);
        }
        return found;
    }

    internal IActorRef ResolveActorRef(string path) =>
        ActorPath.TryParse(path, out var parsed, out _) ? ResolveActorRef(parsed) : DeadLetters;

    /// <summary>Walks exact names from the root; null if nothing lives there.</summary>
    internal IInternalActorRef? LookupLocal(IReadOnlyList<string> elements)
    {
        if (elements.Count == 0) return RootRef;
        if (elements[0] == "deadLetters") return elements.Count == 1 ? DeadLettersRef : null;
        if (elements[0] == "temp") return elements.Count == 2 && TryGetTemp(elements[1], out var temp) ? temp : null;
        var cell = RootCell;
        IInternalActorRef current = RootRef;
        foreach (var name in elements)
        {
            if (cell is null || !cell.TryGetChild(name, out var child)) return null;
            current = child;
            cell = child.Cell;
        }
        return current;
    }
}
