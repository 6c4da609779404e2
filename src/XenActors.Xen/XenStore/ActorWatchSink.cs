using XenActors.Actor;
using XenActors.Xen.Store;

namespace XenActors.Xen.XenStore;

/// <summary>Delivers a store connection's watch events as messages to the actor that owns it.</summary>
internal sealed class ActorWatchSink(IActorRef owner) : IXsConnectionSink
{
    public void WatchEvent(XsConnection connection, string path, string token) => owner.Tell(new XsWatchEvent(path, token), ActorRefs.NoSender);

    public void Released(XsConnection connection)
    {
        // The owner learns of its domain's end through @releaseDomain or its own supervisor.
    }
}
