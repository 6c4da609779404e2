using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>What the runtime (and remoting) needs of a ref beyond <see cref="IActorRef"/>.</summary>
internal interface IInternalActorRef : IActorRef
{
    bool IsLocal { get; }
    bool IsTerminated { get; }
    void SendSystemMessage(SystemMessage message);
}
