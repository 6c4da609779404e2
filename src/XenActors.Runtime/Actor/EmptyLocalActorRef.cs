using XenActors.Dispatch.SysMsg;
using XenActors.Event;

namespace XenActors.Actor;

/// <summary>A ref to a path where no actor lives: messages become dead letters, a watch is answered with Terminated.</summary>
internal sealed class EmptyLocalActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IHasActorSystem
{
    public override ActorPath Path { get; } = path;
    public ActorSystemImpl System { get; } = system;
    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender) =>
        System.DeadLetters.Tell(new DeadLetter(message, sender, this), sender);

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, false, false));
    }
}
