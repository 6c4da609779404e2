namespace XenActors.Actor;

internal sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : IMessageHandler
{
    public bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        handler(typed);
        return true;
    }
}
