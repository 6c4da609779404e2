namespace XenActors.Actor;

internal sealed class FuncHandler<T>(Func<T, bool> handler) : IMessageHandler
{
    public bool TryHandle(object message) => message is T typed && handler(typed);
}
