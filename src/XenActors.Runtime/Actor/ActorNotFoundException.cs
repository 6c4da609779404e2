namespace XenActors.Actor;

/// <summary>An <see cref="ActorSelection"/> resolved to no actor.</summary>
public sealed class ActorNotFoundException : ActorException
{
    public ActorNotFoundException(string message) : base(message) { }
}
