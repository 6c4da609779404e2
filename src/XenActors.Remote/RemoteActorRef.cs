using XenActors.Actor;
using XenActors.Dispatch.SysMsg;
using XenActors.Remote.Transport;

namespace XenActors.Remote;

/// <summary>
/// A ref to an actor on another node: Tell serializes onto the association to that node; Watch and Unwatch
/// travel as system messages and the node's loss ends in Terminated(addressTerminated) for local watchers.
/// </summary>
internal sealed class RemoteActorRef : ActorRefBase, IHasActorSystem
{
    private readonly Remoting _remoting;
    private Association? _association;

    public RemoteActorRef(Remoting remoting, ActorPath path)
    {
        _remoting = remoting;
        Path = path;
        SerializedPath = path.ToSerializationFormat();
    }

    public override ActorPath Path { get; }
    public override bool IsLocal => false;
    public ActorSystemImpl System => _remoting.SystemImpl;
    public string SerializedPath { get; }
    internal Association Association => _association ??= _remoting.AssociationFor(Path.Address);

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Association.Enqueue(this, message, sender);
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when ReferenceEquals(watch.Watchee, this) || watch.Watchee.Equals(this):
                _remoting.Watches.Add(this, watch.Watcher);
                Association.Enqueue(this, watch, null);
                break;
            case Unwatch unwatch:
                _remoting.Watches.Remove(this, unwatch.Watcher);
                Association.Enqueue(this, unwatch, null);
                break;
            case DeathWatchNotification:
                Association.Enqueue(this, message, null);
                break;
            default:
                _remoting.Log.Debug($"system message {message.GetType().Name} to remote {Path} is not sent across nodes");
                break;
        }
    }
}
