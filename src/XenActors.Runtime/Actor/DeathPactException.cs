namespace XenActors.Actor;

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException(IActorRef deadActor) : base($"Monitored actor {deadActor} terminated") => DeadActor = deadActor;
    public IActorRef DeadActor { get; }
}
