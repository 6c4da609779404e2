using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

/// <summary>Tells a watcher (or the parent) that an actor has stopped.</summary>
internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    public bool AddressTerminated { get; } = addressTerminated;
}
