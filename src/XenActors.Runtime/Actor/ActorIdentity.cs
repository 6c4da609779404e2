namespace XenActors.Actor;

public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
