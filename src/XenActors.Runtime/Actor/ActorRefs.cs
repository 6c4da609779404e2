namespace XenActors.Actor;

public static class ActorRefs
{
    /// <summary>The sender of a message told from outside any actor: null, as in Akka.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A ref that is never anyone: messages to it go nowhere.</summary>
    public static readonly IActorRef Nobody = NobodyRef.Instance;
}
