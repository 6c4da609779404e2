namespace XenActors.Actor;

/// <summary>The actor's constructor or PreStart threw; the default supervisor stops it.</summary>
public sealed class ActorInitializationException : ActorException
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? inner = null) : base(message, inner) => Actor = actor;
    public IActorRef? Actor { get; }
}
