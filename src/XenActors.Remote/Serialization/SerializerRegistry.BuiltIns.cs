using System.Buffers;
using System.Text;
using XenActors.Actor;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Serialization;

public sealed partial class SerializerRegistry
{
    /// <summary>
    /// Primitives use a hand-written binary encoding: a string costs its UTF-8 bytes and nothing else, which the
    /// remote bench showed to matter for small messages (JSON would add quotes and escaping on both ends).
    /// </summary>
    private void RegisterBuiltIns()
    {
        Register<string>(SerializerIds.Primitives, "string", static (s, w) => w.Write(Encoding.UTF8.GetBytes(s)), static b => Encoding.UTF8.GetString(b));
        Register<int>(SerializerIds.Primitives, "int32", static (v, w) => WireWriter.WriteInt32(w, v), static b => new WireReader(b).ReadInt32());
        Register<long>(SerializerIds.Primitives, "int64", static (v, w) => WireWriter.WriteInt64(w, v), static b => new WireReader(b).ReadInt64());
        Register<bool>(SerializerIds.Primitives, "bool", static (v, w) => WireWriter.WriteByte(w, v ? (byte)1 : (byte)0), static b => new WireReader(b).ReadByte() != 0);
        Register<byte[]>(SerializerIds.Bytes, "bytes", static (v, w) => w.Write(v), static b => b.ToArray());

        Register<PoisonPill>(SerializerIds.Misc, "PoisonPill", static (_, _) => { }, static _ => PoisonPill.Instance);
        Register<Kill>(SerializerIds.Misc, "Kill", static (_, _) => { }, static _ => Kill.Instance);
        Register<Identify>(SerializerIds.Misc, "Identify",
            (m, w) => WriteNested(m.MessageId, w),
            b => { var r = new WireReader(b); return new Identify(ReadNested(ref r)); });
        Register<ActorIdentity>(SerializerIds.Misc, "ActorIdentity",
            (m, w) =>
            {
                WriteNested(m.MessageId, w);
                WireWriter.WriteString(w, m.Subject is null ? null : Resolver.ToSerializedPath(m.Subject));
            },
            b =>
            {
                var r = new WireReader(b);
                var id = ReadNested(ref r);
                var subject = r.ReadString();
                return new ActorIdentity(id, subject is null ? null : Resolver.Resolve(subject));
            });
        Register<Status.Success>(SerializerIds.Misc, "Status.Success",
            (m, w) => WriteNested(m.Status, w),
            b => { var r = new WireReader(b); return new Status.Success(ReadNested(ref r)); });
        // Exceptions do not cross the wire as objects: the receiver gets their type name and message.
        Register<Status.Failure>(SerializerIds.Misc, "Status.Failure",
            (m, w) =>
            {
                WireWriter.WriteString(w, m.Cause.GetType().FullName);
                WireWriter.WriteString(w, m.Cause.Message);
            },
            b =>
            {
                var r = new WireReader(b);
                var type = r.ReadString();
                var text = r.ReadString();
                return new Status.Failure(new RemoteFailureException(type ?? "?", text ?? "", remote: true));
            });
        Register<ActorSelectionMessage>(SerializerIds.Selection, "ActorSelectionMessage",
            (m, w) =>
            {
                WireWriter.WriteInt32(w, m.Elements.Count);
                foreach (var e in m.Elements) WireWriter.WriteString(w, e);
                WriteNested(m.Message, w);
            },
            b =>
            {
                var r = new WireReader(b);
                var count = r.ReadInt32();
                if (count < 0 || count > r.Remaining) throw new MalformedPduException($"selection has {count} elements");
                var elements = new string[count];
                for (var i = 0; i < count; i++) elements[i] = r.ReadRequiredString("selection element");
                return new ActorSelectionMessage(ReadNested(ref r) ?? throw new MalformedPduException("selection without a message"), elements);
            });
    }
}
