using System.Net.Sockets;
using System.Text;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.XenStore;

/// <summary>
/// A minimal blocking xenstore client over the unix socket, one request at a time like libxenstore.
/// Watch events that arrive while waiting for a reply are kept in <see cref="Events"/>. Receives are
/// buffered (a reply usually costs one recv, not one for the header and one for the payload) and
/// requests are framed in a reused buffer, so a benchmark measures the server rather than this client.
/// </summary>
public sealed class XenStoreSocketClient : IDisposable
{
    private readonly Socket _socket;
    private const int FrameMax = XsWireCodec.HeaderSize + XsWireCodec.MaxPayload;
    private readonly byte[] _out = new byte[FrameMax];
    private readonly byte[] _in = new byte[2 * FrameMax];
    private int _inStart;
    private int _inEnd;
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
        var frame = XsWireCodec.HeaderSize + payload.Length;
        var bytes = frame <= _out.Length ? _out : new byte[frame];
        XsWireCodec.WriteHeader(bytes, type, reqId, txId, payload.Length);
        payload.CopyTo(bytes, XsWireCodec.HeaderSize);
        _socket.Send(bytes.AsSpan(0, frame));
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
        while (true)
        {
            var status = XsWireCodec.TryRead(_in.AsSpan(_inStart, _inEnd - _inStart), out var message, out var used);
            if (status == XsFrameStatus.Complete)
            {
                _inStart += used;
                if (_inStart == _inEnd)
                    _inStart = _inEnd = 0;
                return message;
            }
            if (status == XsFrameStatus.PayloadTooLarge)
                throw new InvalidDataException("xenstored announced a payload above 4096 bytes");
            if (_inStart > 0)
            {
                _in.AsSpan(_inStart, _inEnd - _inStart).CopyTo(_in);
                _inEnd -= _inStart;
                _inStart = 0;
            }
            var n = _socket.Receive(_in, _inEnd, _in.Length - _inEnd, SocketFlags.None);
            if (n == 0)
                throw new EndOfStreamException("xenstored closed the connection");
            _inEnd += n;
        }
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

    public void Dispose() => _socket.Dispose();
}
