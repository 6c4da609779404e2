namespace XenActors.Actor;

public class ActorException : Exception
{
    public ActorException(string message, Exception? inner = null) : base(message, inner) { }
}
