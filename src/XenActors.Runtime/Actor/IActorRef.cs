namespace XenActors.Actor;

/// <summary>An immutable, location-transparent handle to an actor (Akka's IActorRef).</summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}
