namespace XenActors.Actor;

internal interface IMessageHandler
{
    bool TryHandle(object message);
}
