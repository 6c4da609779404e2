namespace XenActors.Actor;

/// <summary>A name is not a legal path element or is already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException(string message) : base(message) { }
}
