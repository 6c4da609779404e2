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
