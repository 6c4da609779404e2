using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>Akka's Nobody: a ref that swallows everything and is always terminated.</summary>
internal sealed class NobodyRef : ActorRefBase
{
    public static readonly NobodyRef Instance = new();
    private static readonly ActorPath NobodyPath = ActorPath.Root(new Address(Address.DefaultProtocol, "all-systems")) / "Nobody";

    public override ActorPath Path => NobodyPath;
    public override bool IsTerminated => true;
    public override void Tell(object message, IActorRef? sender) { }
    public override void SendSystemMessage(SystemMessage message) { }
}
