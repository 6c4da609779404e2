using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.XenStore;

/// <summary>
/// A minimal blocking xenstore client over the unix socket, one request at a time like libxenstore.
/// Watch events that arrive while waiting for a reply are kept in <see cref="Events"/>.
/// </summary>
public sealed class XenStoreSocketClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _header = new byte[XsWireCodec.HeaderSize];
    private uint _reqId;

    public XenStoreSocketClient(string socketPath)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _socket.Connect(new UnixDomainSocketEndPoint(socketPath));
    }

    public Queue<(string Path, string Token)> Events { get; } = new();

    public Socket Socket => _socket;

    public XsMessage Request(XsdMessageType type, uint txId, byte[] payload)
    {
        var reqId = ++_reqId;
        var bytes = new byte[XsWireCodec.HeaderSize + payload.Length];
        XsWireCodec.WriteHeader(bytes, type, reqId, txId, payload.Length);
        payload.CopyTo(bytes, XsWireCodec.HeaderSize);
        _socket.Send(bytes);
        while (true)
        {
            var message = Receive();
            if (message.Type == XsdMessageType.WatchEvent)
            {
                var s = XsPayload.Strings(message.Payload.Span);
                Events.Enqueue((s[0], s.Count > 1 ? s[1] : ""));
                continue;
            }
            if (message.ReqId != reqId)
                throw new InvalidDataException($"reply for req {message.ReqId}, expected {reqId}");
            return message;
        }
    }

    public XsMessage Request(XsdMessageType type, uint txId, params string[] args) => Request(type, txId, XsPayload.Encode(args));

    /// <summary>Reads one whole message (reply or event).</summary>
    public XsMessage Receive()
    {
        ReceiveExactly(_header);
        var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(12));
        var payload = new byte[len];
        ReceiveExactly(payload);
        return new XsMessage(
            (XsdMessageType)BinaryPrimitives.ReadUInt32LittleEndian(_header),
            BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4)),
            BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(8)),
            payload);
    }

    public string Read(string path, uint tx = 0)
    {
        var m = Request(XsdMessageType.Read, tx, path);
        return m.IsError ? XsdErrors.Parse(m.Payload.Span).ToString() : Encoding.UTF8.GetString(m.Payload.Span);
    }

    public XsdError Write(string path, string value, uint tx = 0)
    {
        var m = Request(XsdMessageType.Write, tx, XsPayload.EncodeWrite(path, Encoding.UTF8.GetBytes(value)));
        return m.IsError ? XsdErrors.Parse(m.Payload.Span) : XsdError.None;
    }

    public uint TransactionStart()
    {
        var m = Request(XsdMessageType.TransactionStart, 0, "");
        if (m.IsError)
            throw new InvalidOperationException(XsdErrors.Parse(m.Payload.Span).ToString());
        return uint.Parse(XsPayload.Strings(m.Payload.Span)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public XsdError TransactionEnd(uint tx, bool commit = true)
    {
        var m = Request(XsdMessageType.TransactionEnd, tx, commit ? "T" : "F");
        return m.IsError ? XsdErrors.Parse(m.Payload.Span) : XsdError.None;
    }

    private void ReceiveExactly(byte[] buffer)
    {
        var got = 0;
        while (got < buffer.Length)
        {
            var n = _socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (n == 0)
                throw new EndOfStreamException("xenstored closed the connection");
            got += n;
        }
    }

    public void Dispose() => _socket.Dispose();
}
