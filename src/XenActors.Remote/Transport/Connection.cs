using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using XenActors.Actor;
using XenActors.Dispatch;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// One TCP connection, driven only by blocking calls: a reader thread of its own blocks in receive, cuts frames and
/// hands each to the transport; writes are plain sends from whoever holds the association's writer token. No
/// asynchronous operation touches the socket while it carries frames: once one has, .NET turns the descriptor
/// non-blocking for good and every blocking call becomes an epoll wait plus a wake-up of the caller — a thread hop
/// (~20 µs here) per receive. (A connection moved to a shared ring has one, to hear the close: the reader no longer
/// receives on the socket then.) Closing is idempotent and ends the reader thread (shutdown wakes its receive, or
/// the ring's futex).
/// </summary>
internal sealed partial class Connection
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _closed = new();
    private readonly ArrayBufferWriter<byte> _out = new(16 * 1024);
    private readonly int _inlineLimit;
    private Thread? _reader;
    private int _closing;
    private long _sentSincePoll = long.MaxValue / 2; // no poll yet: the first inline write polls

    /// <summary>How a close reason starts when the reader thread failed (logged as an error).</summary>
    public const string ReaderFailed = "the reader thread failed";

    /// <summary>How a close reason starts when the peer broke a shared ring (logged as an error).</summary>
    public const string RingBroken = "the shared ring is broken";

    public Connection(Socket socket, bool inbound)
    {
        _socket = socket;
        _socket.NoDelay = true;
        // POLLOUT means at least a third of the kernel's send buffer is free: a quarter of it always fits.
        _inlineLimit = Math.Max(1024, socket.SendBufferSize / 4);
        Inbound = inbound;
        EndPoint = (socket.RemoteEndPoint as IPEndPoint)?.ToString() ?? "?";
        RemoteIsLoopback = socket.RemoteEndPoint is IPEndPoint remote && IPAddress.IsLoopback(remote.Address);
    }

    public bool Inbound { get; }
    public string EndPoint { get; }

    /// <summary>The peer is on this machine: the connection may move to shared rings.</summary>
    public bool RemoteIsLoopback { get; }
    public CancellationToken Closed => _closed.Token;
    public bool IsClosed => Volatile.Read(ref _closing) == 1;

    /// <summary>The reader thread, once started (tests check that it ends with the connection).</summary>
    internal Thread? ReaderThread => _reader;

    /// <summary>Set once the handshake is accepted.</summary>
    public Address? RemoteAddress { get; set; }
    public long RemoteUid { get; set; }
    public Association? Association { get; set; }

    /// <summary>Completed with true when the handshake was accepted, false when it failed (outbound side waits on it).</summary>
    public TaskCompletionSource<bool> Handshake { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes written on this connection (for the bench's bytes-per-message figure).</summary>
    public long BytesWritten;

    /// <summary>Busy polls that found a reply waiting, and those that gave up and let the reader block (the specs read them).</summary>
    internal (long Answered, long GaveUp) BusyPolls => (Interlocked.Read(ref _busyPollsAnswered), Interlocked.Read(ref _busyPollsGaveUp));

    private long _busyPollsAnswered;
    private long _busyPollsGaveUp;

    /// <summary>Bytes written but not yet sent.</summary>
    public int Unflushed => _out.WrittenCount;

    /// <summary>
    /// True when <paramref name="extra"/> more bytes and what is buffered can be sent without blocking. A thread that
    /// must never block in a send (a reader thread running actors: two of them blocked sending to each other would
    /// never read again) writes inline only then, and queues for the writer loop otherwise.
    /// </summary>
    /// <remarks>
    /// Polls only when needed: after POLLOUT at least a third of the buffer was free, and only what we sent since can
    /// have used any of it up, so while that stays within a quarter no poll is needed (a poll is a syscall, ~1.3 µs on
    /// these VMs, and was made before every inline write). Called by the writer token's holder only.
    /// </remarks>
    public bool CanSendNow(int extra)
    {
        var pending = _out.WrittenCount + extra + Framing.HeaderSize;
        if (_outRing is { } ring) return pending <= FreeBytes(ring);
        if (pending > _inlineLimit) return false;
        if (_sentSincePoll + pending <= _inlineLimit) return true;
        if (!_socket.Poll(0, SelectMode.SelectWrite)) return false;
        _sentSincePoll = 0;
        return true;
    }

    /// <summary>Writes one frame and sends it at once (handshake frames).</summary>
    public void WriteFrameNow(ReadOnlySpan<byte> body)
    {
        WriteFrame(body);
        Flush();
    }

    /// <summary>Copies one frame (length prefix + body) into the output buffer; not sent until <see cref="Flush"/>.</summary>
    public void WriteFrame(ReadOnlySpan<byte> body)
    {
        var span = _out.GetSpan(Framing.HeaderSize + body.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, body.Length);
        body.CopyTo(span[Framing.HeaderSize..]);
        _out.Advance(Framing.HeaderSize + body.Length);
        BytesWritten += Framing.HeaderSize + body.Length;
    }

    /// <summary>
    /// Sends what is buffered; blocks while the peer's window is full (the backpressure). Throws
    /// <see cref="SocketException"/> or <see cref="ObjectDisposedException"/> when the connection is gone.
    /// </summary>
    public void Flush()
    {
        var span = _out.WrittenSpan;
        _sentSincePoll += span.Length;
        try
        {
            if (_outRing is { } ring) WriteToRing(ring, span);
            else while (span.Length > 0) span = span[_socket.Send(span)..];
        }
        finally
        {
            _out.ResetWrittenCount();
        }
    }

    /// <summary>
    /// Starts the reader thread: it reads frames until the peer closes, a frame is refused, or <see cref="Close"/>
    /// is called, then calls <paramref name="onClosed"/> once. With <paramref name="runActorsHere"/>, the actors the
    /// frames wake run on this thread while nothing else is waiting to be read (<see cref="CallerRuns"/>), and with a
    /// positive <paramref name="busyPoll"/> as well, a run that wrote to this peer polls for its reply that long before
    /// the thread blocks again (<see cref="RemoteSettings.BusyPollMicroseconds"/>).
    /// </summary>
    public void StartReading(int maximumFrameSize, Func<Connection, ReadOnlySequence<byte>, bool> onFrame, Action<Connection, string> onClosed, bool runActorsHere, TimeSpan busyPoll)
    {
        var busyPollTicks = (long)(busyPoll.TotalSeconds * Stopwatch.Frequency);
        _reader = new Thread(() => ReadLoop(maximumFrameSize, onFrame, onClosed, runActorsHere, busyPollTicks))
        {
            IsBackground = true,
            Name = $"remoting reader {(Inbound ? "from" : "to")} {RemoteAddress?.ToString() ?? EndPoint}",
        };
        _reader.Start();
    }

    private void ReadLoop(int maximumFrameSize, Func<Connection, ReadOnlySequence<byte>, bool> onFrame, Action<Connection, string> onClosed, bool runActorsHere, long busyPollTicks)
    {
        var reason = "peer closed the connection";
        // Whether more bytes wait is a syscall (an ioctl, ~1.3 µs on these VMs) that almost always says no: a pci-op
        // wakes one or two mailboxes, and asking before each was 7% of a driver node's CPU. Ask before every fourth
        // run, so a long run of mailboxes still makes way for the next read within a few.
        var asks = 0;
        var runs = runActorsHere ? CallerRuns.Install(limit: 64, () => !IsClosed && (_inRing is { } ring ? ring.HasData : (++asks & 3) == 0 && _socket.Available > 0)) : null;
        var frames = new FrameBuffer(maximumFrameSize);
        try
        {
            while (_inRing is { } ring ? ReceiveFromRing(ring, frames) : frames.Receive(_socket))
            {
                var writtenBefore = Volatile.Read(ref BytesWritten);
                var keep = true;
                while (keep)
                {
                    var result = frames.TryTake(out var frame, out var length);
                    if (result == Framing.Result.BadLength)
                    {
                        reason = $"bad frame length {length} (must be 1-{maximumFrameSize}; the stream cannot be trusted any more)";
                        keep = false;
                    }
                    else if (result == Framing.Result.Frame)
                    {
                        keep = onFrame(this, frame);
                        if (!keep) reason = "frame refused";
                        if (keep && _inputSwitched)
                        {
                            // Frames come through the ring now (the peer sends nothing after its RingSwitch).
                            _inputSwitched = false;
                            frames.Discard();
                            break;
                        }
                    }
                    else
                    {
                        break;
                    }
                }
                if (!keep) break;
                runs?.RunPending();
                // Only a run on this thread tells that what was written answered these frames; with the actors on
                // the pool, another thread's write would set off a poll that nothing here waits for.
                if (runs is not null && busyPollTicks > 0 && Volatile.Read(ref BytesWritten) != writtenBefore) BusyPoll(busyPollTicks);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            reason = IsClosed ? "closed locally" : ex.Message;
        }
        catch (InvalidDataException ex)
        {
            reason = $"{RingBroken}: {ex.Message}";
        }
        catch (Exception ex)
        {
            // A bug in a handler must not take the process down from a thread of ours: drop the connection.
            reason = $"{ReaderFailed}: {ex}";
        }
        finally
        {
            runs?.Uninstall();
        }
        onClosed(this, Volatile.Read(ref _outputBroken) ?? reason);
    }

    /// <summary>
    /// Polls for bytes until some arrive or <paramref name="ticks"/> pass, yielding the CPU between polls (two cores
    /// are shared by every node on the machine: the peer that answers may need this one). Each poll is a syscall, but
    /// one that does not sleep; the blocking receive that follows then finds the reply without a wake-up.
    /// </summary>
    private void BusyPoll(long ticks)
    {
        var until = Stopwatch.GetTimestamp() + ticks;
        while (!IsClosed)
        {
            if (_inRing is { } ring ? ring.HasData : _socket.Available > 0)
            {
                _busyPollsAnswered++;
                return;
            }
            if (Stopwatch.GetTimestamp() >= until) break;
            Thread.Yield();
        }
        _busyPollsGaveUp++;
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        Handshake.TrySetResult(false);
        try { _closed.Cancel(); } catch (ObjectDisposedException) { }
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        _socket.Dispose();
        DisposeRings();
    }

    public override string ToString() => $"{(Inbound ? "inbound" : "outbound")} {RemoteAddress?.ToString() ?? EndPoint}";
}
