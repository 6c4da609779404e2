// The runtime's exception family reads best together, mirroring Akka's names.
#pragma warning disable CA1032, CA1064

namespace XenActors.Actor;

public class ActorException : Exception
{
    public ActorException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The actor's constructor or PreStart threw; the default supervisor stops it.</summary>
public sealed class ActorInitializationException : ActorException
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? inner = null) : base(message, inner) => Actor = actor;
    public IActorRef? Actor { get; }
}

/// <summary>Thrown by <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException(string message) : base(message) { }
}

/// <summary>An actor did not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException(IActorRef deadActor) : base($"Monitored actor {deadActor} terminated") => DeadActor = deadActor;
    public IActorRef DeadActor { get; }
}

/// <summary>An Ask got no reply in time.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message) : base(message) { }
}

/// <summary>A name is not a legal path element or is already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException(string message) : base(message) { }
}

/// <summary>An <see cref="ActorSelection"/> resolved to no actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    public ActorNotFoundException(string message) : base(message) { }
}

/// <summary>Settings that cannot be used; the message names the configuration key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, Exception? inner = null) : base(message, inner) { }
}
