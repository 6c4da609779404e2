using System.Buffers;
using XenActors.Actor;
using XenActors.Dispatch.SysMsg;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// Watch, Unwatch and DeathWatchNotification on the wire (Akka's system-message serializer, id 22). The envelope's
/// recipient is the watchee (Watch/Unwatch) or the watcher (notification); the payload names the other side.
/// Unlike Akka they ride the ordered TCP stream without their own ack/resend: a lost node is caught by the
/// watch failure detector instead.
/// </summary>
internal static class SystemMessageCodec
{
    private const string WatchManifest = "Watch";
    private const string UnwatchManifest = "Unwatch";
    private const string NotificationManifest = "DeathWatchNotification";

    public static void Write(Remoting remoting, SystemMessage message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case Watch watch:
                WireWriter.WriteString(output, WatchManifest);
                WireWriter.WriteString(output, remoting.ToSerializedPath(watch.Watcher));
                break;
            case Unwatch unwatch:
                WireWriter.WriteString(output, UnwatchManifest);
                WireWriter.WriteString(output, remoting.ToSerializedPath(unwatch.Watcher));
                break;
            case DeathWatchNotification dwn:
                WireWriter.WriteString(output, NotificationManifest);
                WireWriter.WriteString(output, remoting.ToSerializedPath(dwn.Actor));
                WireWriter.WriteByte(output, dwn.ExistenceConfirmed ? (byte)1 : (byte)0);
                WireWriter.WriteByte(output, dwn.AddressTerminated ? (byte)1 : (byte)0);
                break;
            default:
                throw new NotSupportedException($"system message {message.GetType().Name} does not cross nodes");
        }
    }

    /// <summary>Delivers a system message read from the wire to its local target; returns it.</summary>
    public static SystemMessage Deliver(Remoting remoting, IInternalActorRef target, string manifest, ref WireReader reader)
    {
        SystemMessage message;
        switch (manifest)
        {
            case WatchManifest:
            {
                var watcher = (IInternalActorRef)remoting.ResolveRef(reader.ReadRequiredString("watcher"));
                message = new Watch(target, watcher);
                break;
            }
            case UnwatchManifest:
            {
                var watcher = (IInternalActorRef)remoting.ResolveRef(reader.ReadRequiredString("watcher"));
                message = new Unwatch(target, watcher);
                break;
            }
            case NotificationManifest:
            {
                var text = reader.ReadRequiredString("terminated actor");
                var confirmed = reader.ReadByte() != 0;
                var addressTerminated = reader.ReadByte() != 0;
                if (!ActorPath.TryParse(text, out var path, out var error)) throw new MalformedPduException(error);
                // The watcher keys its watch on the ref it holds; hand that same ref back.
                var actor = remoting.Watches.TakeWatchee(path, target) ?? (IInternalActorRef)remoting.ResolveRef(text);
                message = new DeathWatchNotification(actor, confirmed, addressTerminated);
                break;
            }
            default:
                throw new Serialization.MessageSerializationException($"unknown system message manifest [{manifest}]");
        }
        target.SendSystemMessage(message);
        return message;
    }
}
