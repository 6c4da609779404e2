using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>The root guardian's parent (Akka's "the one who walks the bubbles of space-time"): ends the system.</summary>
internal sealed class BubbleWalker(ActorSystemImpl system) : ActorRefBase
{
    public override ActorPath Path { get; } = system.RootPath / "bubble-walker";

    public override void Tell(object message, IActorRef? sender) { }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                system.Log.Error(failed.Cause, "root guardian failed: stopping the system");
                ((IInternalActorRef)failed.Child).SendSystemMessage(Terminate.Instance);
                break;
            case DeathWatchNotification:
                system.FinishTermination();
                break;
        }
    }
}
