using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>Equality, ordering and formatting shared by every ref: two refs are equal when path and uid are.</summary>
internal abstract class ActorRefBase : IInternalActorRef
{
    public abstract ActorPath Path { get; }
    public virtual bool IsLocal => true;
    public virtual bool IsTerminated => false;

    public abstract void Tell(object message, IActorRef? sender);
    public abstract void SendSystemMessage(SystemMessage message);

    public bool Equals(IActorRef? other) =>
        other is not null && (ReferenceEquals(this, other) || (Path.Uid == other.Path.Uid && Path.Equals(other.Path)));

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => Path.Uid == ActorPath.UndefinedUid ? $"[{Path}]" : $"[{Path}#{Path.Uid}]";
}
