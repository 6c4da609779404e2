using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Tests;

/// <summary>A hand-driven TCP peer for feeding the transport bytes no well-behaved node would send.</summary>
public sealed class RawPeer : IDisposable
{
    private readonly TcpClient _client = new();
    private readonly NetworkStream _stream;

    public RawPeer(int port)
    {
        _client.Connect("127.0.0.1", port);
        _client.NoDelay = true;
        _stream = _client.GetStream();
        _stream.ReadTimeout = 10_000;
    }

    public const string Origin = "xen://spec@127.0.0.1:1";

    public void SendRaw(byte[] bytes) => _stream.Write(bytes);

    public void SendFrame(ReadOnlySpan<byte> body)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, body.Length);
        _stream.Write(header);
        _stream.Write(body);
    }

    /// <summary>Performs a correct handshake and reads the acceptor's Associate.</summary>
    public void Handshake(string system = "spec", string secret = RemoteSpec.Secret)
    {
        var pdu = new ArrayBufferWriter<byte>();
        WireWriter.WriteByte(pdu, (byte)PduKind.Associate);
        WireWriter.WriteString(pdu, Origin);
        WireWriter.WriteInt64(pdu, 4242);
        WireWriter.WriteString(pdu, system);
        WireWriter.WriteBytes(pdu, Encoding.UTF8.GetBytes(secret));
        SendFrame(pdu.WrittenSpan);
        var reply = ReadFrame();
        if (reply[0] != (byte)PduKind.Associate) throw new InvalidOperationException($"handshake refused: kind {reply[0]}");
    }

    public byte[] ReadFrame()
    {
        var header = new byte[4];
        _stream.ReadExactly(header);
        var body = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
        _stream.ReadExactly(body);
        return body;
    }

    public static byte[] Envelope(string recipient, int serializerId, string manifest, ReadOnlySpan<byte> payload, string? sender = null)
    {
        var pdu = new ArrayBufferWriter<byte>();
        WireWriter.WriteByte(pdu, (byte)PduKind.Envelope);
        WireWriter.WriteString(pdu, recipient);
        WireWriter.WriteString(pdu, sender);
        WireWriter.WriteInt32(pdu, serializerId);
        WireWriter.WriteString(pdu, manifest);
        pdu.Write(payload);
        return pdu.WrittenSpan.ToArray();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
