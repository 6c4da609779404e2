namespace XenActors.Actor;

/// <summary>Akka's name for an actor with an unbounded stash.</summary>
public interface IWithUnboundedStash : IWithStash;
