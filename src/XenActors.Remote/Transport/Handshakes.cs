using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using XenActors.Actor;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// The association handshake (Akka's Associate(origin, uid), plus what we check): the initiator names the system
/// it expects to reach and presents the shared secret; the acceptor checks both and answers with its own Associate.
/// </summary>
internal sealed class Handshakes(Address self, long uid, string secret)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    public readonly record struct Offer(Address Origin, long Uid, string TargetSystem, byte[] Secret);

    /// <summary>[kind][origin address][uid][target system][secret].</summary>
    public ArrayBufferWriter<byte> AssociatePdu(string targetSystem)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        WireWriter.WriteByte(buffer, (byte)PduKind.Associate);
        WireWriter.WriteString(buffer, self.ToString());
        WireWriter.WriteInt64(buffer, uid);
        WireWriter.WriteString(buffer, targetSystem);
        WireWriter.WriteBytes(buffer, _secret);
        return buffer;
    }

    public static ArrayBufferWriter<byte> DisassociatePdu(DisassociateReason reason)
    {
        var buffer = new ArrayBufferWriter<byte>(2);
        WireWriter.WriteByte(buffer, (byte)PduKind.Disassociate);
        WireWriter.WriteByte(buffer, (byte)reason);
        return buffer;
    }

    /// <summary>Parses an Associate body (after the kind byte).</summary>
    public static Offer Read(ref WireReader reader)
    {
        var originText = reader.ReadRequiredString("origin address");
        if (!Address.TryParse(originText, out var origin, out var error) || origin.Host is null)
        {
            throw new MalformedPduException($"origin address: {(error.Length > 0 ? error : $"'{originText}' has no host:port")}");
        }
        var uid = reader.ReadInt64();
        var target = reader.ReadRequiredString("target system");
        var secret = reader.ReadBytes().ToArray();
        return new Offer(origin, uid, target, secret);
    }

    /// <summary>Null when acceptable; otherwise why not (logged, never the secret itself).</summary>
    public string? Check(Offer offer, string systemName)
    {
        if (!string.Equals(offer.TargetSystem, systemName, StringComparison.Ordinal))
        {
            return $"it asked for actor system [{offer.TargetSystem}] but this is [{systemName}]";
        }
        if (!CryptographicOperations.FixedTimeEquals(offer.Secret, _secret)) return "it presented a wrong cluster secret";
        if (offer.Uid == 0) return "it presented uid 0";
        return null;
    }
}
