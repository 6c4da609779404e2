using System.Collections.Concurrent;
using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    // Concurrent because top-level actors are created from any thread through the guardian. Created on the first
    // child: most actors have none, and spawning many actors must stay cheap.
    private ConcurrentDictionary<string, LocalActorRef>? _childrenOrNull;
    private HashSet<IActorRef>? _stoppingChildren;
    private long _nextRandomName;

    private ConcurrentDictionary<string, LocalActorRef> ChildrenForWrite
    {
        get
        {
            var children = Volatile.Read(ref _childrenOrNull);
            if (children is not null) return children;
            Interlocked.CompareExchange(ref _childrenOrNull, new ConcurrentDictionary<string, LocalActorRef>(StringComparer.Ordinal), null);
            return _childrenOrNull!;
        }
    }

    private ICollection<LocalActorRef> ChildRefs => (ICollection<LocalActorRef>?)Volatile.Read(ref _childrenOrNull)?.Values ?? [];

    private bool NoChildren => Volatile.Read(ref _childrenOrNull) is not { IsEmpty: false };

    private int StoppingChildrenCount => _stoppingChildren?.Count ?? 0;

    public IActorRef? Child(string name) => TryGetChild(name, out var child) ? child : null;

    public IEnumerable<IActorRef> GetChildren() => ChildRefs.ToArray();

    internal bool TryGetChild(string name, out LocalActorRef child)
    {
        child = null!;
        return Volatile.Read(ref _childrenOrNull) is { } children && children.TryGetValue(name, out child!);
    }

    internal IEnumerable<KeyValuePair<string, LocalActorRef>> ChildEntries =>
        (IEnumerable<KeyValuePair<string, LocalActorRef>>?)Volatile.Read(ref _childrenOrNull) ?? [];

    internal bool HasChildren => !NoChildren;

    /// <summary>Creates a child; <paramref name="systemService"/> allows names starting with '$' (temp, guardians).</summary>
    internal LocalActorRef AttachChild(Props props, string? name, bool systemService)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (_terminating || _terminated)
        {
            throw new InvalidOperationException($"cannot create child '{name}' of {Self.Path}: it is stopping");
        }
        if (name is null)
        {
            name = "$" + RandomName(Interlocked.Increment(ref _nextRandomName));
        }
        else
        {
            if (!ActorPath.IsValidPathElement(name))
            {
                throw new InvalidActorNameException(
                    $"Invalid actor path element [{name}]: use [a-zA-Z0-9] and -_.*$+:@&=,!~';() or %XX escapes.");
            }
            if (name[0] == '$' && !systemService)
            {
                throw new InvalidActorNameException($"Illegal actor name [{name}]: names starting with '$' are reserved.");
            }
        }

        var uid = NewUid();
        var cell = new ActorCell(System, Self.Path.Child(name, uid), props, SelfRef, props.Dispatcher ?? System.Dispatcher);
        if (!ChildrenForWrite.TryAdd(name, cell.SelfRef))
        {
            throw new InvalidActorNameException($"Actor name [{name}] is not unique under {Self.Path}.");
        }
        cell.Start();
        return cell.SelfRef;
    }

    private int _functionRefs;

    public IActorRef AddFunctionRef(Action<object, IActorRef?> tell)
    {
        ArgumentNullException.ThrowIfNull(tell);
        var name = "$$" + Interlocked.Increment(ref _functionRefs).ToString(global::System.Globalization.CultureInfo.InvariantCulture);
        return new FunctionRef(this, Self.Path.Child(name), tell);
    }

    public void Stop(IActorRef child)
    {
        if (child is not IInternalActorRef target) return;
        if (TryGetChild(child.Path.Name, out var known) && known.Equals(child)) (_stoppingChildren ??= new HashSet<IActorRef>()).Add(child);
        target.SendSystemMessage(Terminate.Instance);
    }

    /// <summary>A stopped child reported its death: forget it and finish any stop or restart that waited for it.</summary>
    private bool RemoveChild(IActorRef child)
    {
        if (!TryGetChild(child.Path.Name, out var known) || !known.Equals(child)) return false;
        _childrenOrNull!.TryRemove(new KeyValuePair<string, LocalActorRef>(child.Path.Name, known));
        _childStats?.Remove(child);
        _stoppingChildren?.Remove(child);
        if (_terminating)
        {
            if (NoChildren) FinishTerminate();
        }
        else if (_pendingRecreateCause is not null && StoppingChildrenCount == 0)
        {
            FinishRecreate();
        }
        return true;
    }

    private static long NewUid()
    {
        long uid;
        do uid = Random.Shared.NextInt64(); while (uid == ActorPath.UndefinedUid);
        return uid;
    }

    private static string RandomName(long n)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        do
        {
            buffer[--i] = chars[(int)(n & 63)];
            n >>= 6;
        } while (n > 0);
        return new string(buffer[i..]);
    }
}
