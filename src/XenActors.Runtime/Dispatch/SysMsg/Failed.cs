using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

/// <summary>A child tells its parent that it failed and is now suspended awaiting a directive.</summary>
internal sealed class Failed(IActorRef child, Exception cause, long uid) : SystemMessage
{
    public IActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}
