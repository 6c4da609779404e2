namespace XenActors.Actor;

public static class ActorRefExtensions
{
    /// <summary>Tells with the implicit sender: the current actor inside an actor, no sender outside.</summary>
    public static void Tell(this ICanTell receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Self);

    /// <summary>Sends on keeping the original sender of the message being processed.</summary>
    public static void Forward(this ICanTell receiver, object message) =>
        receiver.Tell(message, ActorCell.Current?.Sender);

    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null || actorRef is NobodyRef;
}
