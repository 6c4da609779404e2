using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>
/// Akka's FunctionRef: a ref owned by an actor whose Tell runs a function on the sender's thread, for a handler
/// that only hands the message on (rings a doorbell) and would otherwise cost a mailbox hop. It stops with its
/// owner; it is not resolvable by path and not for other processes.
/// </summary>
internal sealed class FunctionRef(ActorCell owner, ActorPath path, Action<object, IActorRef?> tell) : ActorRefBase
{
    public override ActorPath Path { get; } = path;

    public override bool IsTerminated => owner.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        if (!owner.IsTerminated) tell(message, sender);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && IsTerminated) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, true, false));
    }
}
