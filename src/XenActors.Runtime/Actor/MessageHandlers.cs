namespace XenActors.Actor;

/// <summary>An ordered list of typed handlers; the first that accepts a message handles it.</summary>
internal sealed class MessageHandlers
{
    public static readonly MessageHandlers Empty = new();

    private IMessageHandler[] _handlers = [];

    public void Add(IMessageHandler handler) => _handlers = [.. _handlers, handler];

    public bool TryHandle(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler.TryHandle(message)) return true;
        }
        return false;
    }
}

internal interface IMessageHandler
{
    bool TryHandle(object message);
}

internal sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : IMessageHandler
{
    public bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        handler(typed);
        return true;
    }
}

internal sealed class FuncHandler<T>(Func<T, bool> handler) : IMessageHandler
{
    public bool TryHandle(object message) => message is T typed && handler(typed);
}

internal sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle, ActorCell cell) : IMessageHandler
{
    public bool TryHandle(object message)
    {
        if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
        cell.RunAsyncHandler(handler(typed));
        return true;
    }
}
