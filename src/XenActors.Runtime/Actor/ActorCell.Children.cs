using System.Collections.Concurrent;
using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    // Concurrent because top-level actors are created from any thread through the guardian.
    private readonly ConcurrentDictionary<string, LocalActorRef> _children = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _stoppingChildren = new();
    private long _nextRandomName;

    public IActorRef? Child(string name) => _children.TryGetValue(name, out var child) ? child : null;

    public IEnumerable<IActorRef> GetChildren() => _children.Values.ToArray();

    internal bool TryGetChild(string name, out LocalActorRef child) => _children.TryGetValue(name, out child!);

    internal IEnumerable<KeyValuePair<string, LocalActorRef>> ChildEntries => _children;

    internal bool HasChildren => !_children.IsEmpty;

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
        if (!_children.TryAdd(name, cell.SelfRef))
        {
            throw new InvalidActorNameException($"Actor name [{name}] is not unique under {Self.Path}.");
        }
        cell.Start();
        return cell.SelfRef;
    }

    public void Stop(IActorRef child)
    {
        if (child is not IInternalActorRef target) return;
        if (_children.TryGetValue(child.Path.Name, out var known) && known.Equals(child)) _stoppingChildren.Add(child);
        target.SendSystemMessage(Terminate.Instance);
    }

    /// <summary>A stopped child reported its death: forget it and finish any stop or restart that waited for it.</summary>
    private bool RemoveChild(IActorRef child)
    {
        if (!_children.TryGetValue(child.Path.Name, out var known) || !known.Equals(child)) return false;
        _children.TryRemove(new KeyValuePair<string, LocalActorRef>(child.Path.Name, known));
        _childStats.Remove(child);
        _stoppingChildren.Remove(child);
        if (_terminating)
        {
            if (_children.IsEmpty) FinishTerminate();
        }
        else if (_pendingRecreateCause is not null && _stoppingChildren.Count == 0)
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
