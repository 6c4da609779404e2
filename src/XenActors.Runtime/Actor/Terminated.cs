namespace XenActors.Actor;

/// <summary>Death watch: <paramref name="ActorRef"/> has stopped. AddressTerminated is true when its node was lost.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated) : IAutoReceivedMessage;
