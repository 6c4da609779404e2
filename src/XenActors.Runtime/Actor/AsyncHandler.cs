namespace XenActors.Actor;

internal sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle, ActorCell cell) : IMessageHandler
{
    public bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        cell.RunAsyncHandler(handler(typed));
        return true;
    }
}
