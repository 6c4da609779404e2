namespace XenActors.Actor;

/// <summary>Thrown by <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException(string message) : base(message) { }
}
