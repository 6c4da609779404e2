using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.XenStore;

/// <summary>
/// One socket client. Requests are parsed off a PipeReader and handled under the server's core lock;
/// replies and watch events are appended, in order, to an output buffer that whoever holds the
/// send lock writes to the socket.
/// </summary>
internal sealed class XenStoreSocketConnection : IXsConnectionSink
{
    private readonly XenStoreServer _server;
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly object _outLock = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<byte[]> _pendingEvents = [];
    private ArrayBufferWriter<byte> _out = new(256);
    private ArrayBufferWriter<byte> _sending = new(256);
    private bool _released;

    public XenStoreSocketConnection(XenStoreServer server, Socket socket, ILogger logger)
    {
        _server = server;
        _socket = socket;
        _logger = logger;
    }

    public XsConnection Connection { get; set; } = null!;

    /// <summary>Core thread: remember the event; it is queued behind the current reply by <see cref="MoveEventsToOutput"/>.</summary>
    public void WatchEvent(XsConnection connection, string path, string token)
    {
        _pendingEvents.Add(XsPayload.Encode(path, token));
        _server.MarkDirty(this);
    }

    public void Released(XsConnection connection)
    {
        _released = true;
        _server.MarkDirty(this);
    }

    /// <summary>Core lock held: queues a reply, before any event it caused.</summary>
    public void AppendReply(in XsReply reply)
    {
        lock (_outLock)
            XsWireCodec.Write(_out, reply.Type, reply.ReqId, reply.TxId, reply.Payload);
    }

    /// <summary>Core lock held: appends the connection's pending events after anything already queued.</summary>
    public void MoveEventsToOutput()
    {
        lock (_outLock)
        {
            foreach (var e in _pendingEvents)
                XsWireCodec.Write(_out, XsdMessageType.WatchEvent, 0, 0, e);
        }
        _pendingEvents.Clear();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false));
        try
        {
            while (!ct.IsCancellationRequested && !_released)
            {
                var result = await reader.ReadAsync(ct).ConfigureAwait(false);
                var buffer = result.Buffer;
                var status = XsFrameStatus.NeedMoreData;
                var handled = 0;
                while ((status = XsWireCodec.TryRead(ref buffer, out var message)) == XsFrameStatus.Complete)
                {
                    _server.Process(this, message);
                    handled++;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (handled > 0)
                    await FlushAsync().ConfigureAwait(false);
                _server.FlushOthers(this);

                if (status == XsFrameStatus.PayloadTooLarge)
                {
                    _logger.LogWarning("{Connection}: header announces a payload above {Max} bytes; dropping the client", Connection, XsWireCodec.MaxPayload);
                    return;
                }
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                        _logger.LogWarning("{Connection}: closed with {Bytes} bytes of a truncated message", Connection, buffer.Length);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _logger.LogInformation("{Connection}: connection lost ({Error})", Connection, ex.Message);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            _server.Disconnected(this);
            _socket.Dispose();
        }
    }

    /// <summary>Writes everything queued so far. Safe to call from any thread; one sender at a time.</summary>
    public async Task FlushAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (true)
            {
                lock (_outLock)
                {
                    if (_out.WrittenCount == 0)
                        break;
                    (_out, _sending) = (_sending, _out);
                }
                await _socket.SendAsync(_sending.WrittenMemory, SocketFlags.None).ConfigureAwait(false);
                _sending.ResetWrittenCount();
            }
            if (_released)
                _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("{Connection}: send failed ({Error})", Connection, ex.Message);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
