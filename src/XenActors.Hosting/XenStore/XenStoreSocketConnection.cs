using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using XenActors.Xen.Store;
using XenActors.Xen.Store.Wire;

namespace XenActors.Hosting.XenStore;

/// <summary>
/// One socket client. Each receive lands in one buffer; every whole request in it is handled under a
/// single acquisition of the core lock (payloads are read in place, not copied), and all the replies
/// of that batch, plus any watch events, leave in one send. Whoever finds the connection idle sends;
/// others only append, so a reply or event is never sent twice or out of order.
/// </summary>
internal sealed class XenStoreSocketConnection : IXsConnectionSink
{
    // A whole message (16 + 4096 bytes) always fits behind a partial one kept from the last receive.
    private const int InputSize = 2 * (XsWireCodec.HeaderSize + XsWireCodec.MaxPayload);

    private readonly XenStoreServer _server;
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly Lock _outLock = new();
    private readonly List<byte[]> _pendingEvents = [];
    private ArrayBufferWriter<byte> _out = new(256);
    private ArrayBufferWriter<byte> _sending = new(256);
    private bool _flushing;
    private volatile bool _released;

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

    /// <summary>Core lock held: queues a reply, then the events its request caused for this connection.</summary>
    public void AppendReply(in XsReply reply)
    {
        lock (_outLock)
            XsWireCodec.Write(_out, reply.Type, reply.ReqId, reply.TxId, reply.Payload);
        if (_pendingEvents.Count > 0)
            MoveEventsToOutput();
    }

    /// <summary>Core lock held: appends the connection's pending events after anything already queued.</summary>
    public void MoveEventsToOutput()
    {
        if (_pendingEvents.Count == 0)
            return;
        lock (_outLock)
        {
            foreach (var e in _pendingEvents)
                XsWireCodec.Write(_out, XsdMessageType.WatchEvent, 0, 0, e);
        }
        _pendingEvents.Clear();
    }

    /// <summary>
    /// The receive loop on a thread of its own, blocking in recv: the kernel wakes this thread straight
    /// from the client's send, and the reply leaves with a blocking send from here, so a round trip costs
    /// what it costs C xenstored (no epoll-thread and thread-pool hops).
    /// </summary>
    public void RunDedicated(CancellationToken ct)
    {
        var input = ArrayPool<byte>.Shared.Rent(InputSize);
        var filled = 0;
        try
        {
            while (!ct.IsCancellationRequested && !_released)
            {
                var n = _socket.Receive(input, filled, InputSize - filled, SocketFlags.None);
                var keep = Received(input, ref filled, n, out var flush);
                if (flush)
                    FlushFromOwnThread();
                if (!keep)
                    return;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested)
                _logger.LogInformation("{Connection}: connection lost ({Error})", Connection, ex.Message);
        }
        finally
        {
            Close(input);
        }
    }

    /// <summary>The receive loop on the thread pool, for clients beyond the dedicated threads.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var input = ArrayPool<byte>.Shared.Rent(InputSize);
        var filled = 0;
        try
        {
            while (!ct.IsCancellationRequested && !_released)
            {
                var n = await _socket.ReceiveAsync(input.AsMemory(filled, InputSize - filled), SocketFlags.None, ct).ConfigureAwait(false);
                var keep = Received(input, ref filled, n, out var flush);
                if (flush)
                    await FlushAsync().ConfigureAwait(false);
                if (!keep)
                    return;
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
            Close(input);
        }
    }

    /// <summary>Server shutdown: unblocks a receive loop waiting in recv so it ends.</summary>
    public void Abort() => ShutdownQuietly();

    /// <summary>
    /// <paramref name="n"/> bytes arrived behind <paramref name="filled"/>: handles every whole request,
    /// keeps a partial one at the front. False when the connection must end (closed, or lying about a
    /// length); replies already queued are still to be flushed when <paramref name="flush"/> says so.
    /// </summary>
    private bool Received(byte[] input, ref int filled, int n, out bool flush)
    {
        flush = false;
        if (n == 0)
        {
            if (filled > 0)
                _logger.LogWarning("{Connection}: closed with {Bytes} bytes of a truncated message", Connection, filled);
            return false;
        }
        filled += n;
        var (status, consumed) = _server.ProcessBatch(this, input.AsMemory(0, filled));
        if (consumed > 0)
        {
            input.AsSpan(consumed, filled - consumed).CopyTo(input);
            filled -= consumed;
            flush = true;
        }
        _server.FlushOthers();
        if (status == XsFrameStatus.PayloadTooLarge)
        {
            _logger.LogWarning("{Connection}: header announces a payload above {Max} bytes; dropping the client", Connection, XsWireCodec.MaxPayload);
            return false;
        }
        return true;
    }

    private void Close(byte[] input)
    {
        ArrayPool<byte>.Shared.Return(input);
        _server.Disconnected(this);
        _socket.Dispose();
    }

    /// <summary>For events caused by another thread (the XenStore actor): sends from the thread pool.</summary>
    public void ScheduleFlush() =>
        ThreadPool.UnsafeQueueUserWorkItem(static c => _ = c.FlushAsync(), this, preferLocal: false);

    /// <summary>
    /// Writes everything queued so far, unless another thread is already sending (it will pick up what
    /// was appended). Completes synchronously when the socket takes the bytes at once, the usual case.
    /// </summary>
    public ValueTask FlushAsync()
    {
        if (!BeginFlush())
            return default;
        try
        {
            while (true)
            {
                var send = _socket.SendAsync(_sending.WrittenMemory, SocketFlags.None);
                if (!send.IsCompletedSuccessfully)
                    return FinishFlushAsync(send);
                if (!NextBatch())
                    return default;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            SendFailed(ex);
            return default;
        }
    }

    /// <summary>
    /// The dedicated thread sends its own replies with a blocking send: an asynchronous one would turn
    /// the socket non-blocking and route every later recv through the epoll thread. Blocking here only
    /// waits on this connection's own client.
    /// </summary>
    private void FlushFromOwnThread()
    {
        if (!BeginFlush())
            return;
        try
        {
            do
            {
                var pending = _sending.WrittenSpan;
                while (!pending.IsEmpty)
                    pending = pending[_socket.Send(pending, SocketFlags.None)..];
            }
            while (NextBatch());
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            SendFailed(ex);
        }
    }

    /// <summary>Takes the sender's turn and the queued bytes, if nobody is sending and there is something to send.</summary>
    private bool BeginFlush()
    {
        lock (_outLock)
        {
            if (_flushing)
                return false;
            if (_out.WrittenCount == 0)
            {
                if (_released)
                    ShutdownQuietly();
                return false;
            }
            _flushing = true;
            (_out, _sending) = (_sending, _out);
            return true;
        }
    }

    private async ValueTask FinishFlushAsync(ValueTask<int> pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
            while (NextBatch())
                await _socket.SendAsync(_sending.WrittenMemory, SocketFlags.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            SendFailed(ex);
        }
    }

    /// <summary>The last batch went out: takes the next one, or ends this sender's turn.</summary>
    private bool NextBatch()
    {
        _sending.ResetWrittenCount();
        lock (_outLock)
        {
            if (_out.WrittenCount > 0)
            {
                (_out, _sending) = (_sending, _out);
                return true;
            }
            _flushing = false;
        }
        if (_released)
            ShutdownQuietly();
        return false;
    }

    private void SendFailed(Exception ex)
    {
        _logger.LogDebug("{Connection}: send failed ({Error})", Connection, ex.Message);
        lock (_outLock)
        {
            _flushing = false;
            _out.ResetWrittenCount();
        }
    }

    private void ShutdownQuietly()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
