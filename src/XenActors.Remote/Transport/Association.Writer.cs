using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using XenActors.Dispatch;
using XenActors.Dispatch.SysMsg;
using XenActors.Remote.Faults;
using XenActors.Remote.Serialization;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

internal sealed partial class Association
{
    // The writer token: whoever holds it is the only one writing to the connection and using _scratch. The writer
    // loop holds it while it drains; a sender takes it to write inline when the link is idle (TryWriteInline).
    private int _writing;
    private long _inlineWrites;
    private long _queuedWrites;
    private long _blockingFlushes;
    private TaskCompletionSource? _writerWanted;

    /// <summary>Envelopes written by their sender's thread, and by the writer loop (the specs check both paths ran).</summary>
    internal (long Inline, long Queued) WriteCounts => (Interlocked.Read(ref _inlineWrites), Interlocked.Read(ref _queuedWrites));

    /// <summary>Writer-loop sends that could block, each made on a thread of its own (the specs check a stall made some).</summary>
    internal long BlockingFlushes => Interlocked.Read(ref _blockingFlushes);

    private bool TryTakeWriter() => Interlocked.CompareExchange(ref _writing, 1, 0) == 0;

    private void ReleaseWriter()
    {
        Interlocked.Exchange(ref _writing, 0);
        Interlocked.Exchange(ref _writerWanted, null)?.TrySetResult();
    }

    /// <summary>Sends what inline writes left in the connection's buffer during a mailbox run.</summary>
    void IEndOfRunAction.AtEndOfRun() => AtEndOfRun();

    private void AtEndOfRun()
    {
        var connection = Active;
        if (connection is null || connection.Unflushed == 0 || !TryTakeWriter()) return;
        try
        {
            if (connection.Unflushed > 0) connection.Flush();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _remoting.Log.Debug($"connection to {Remote} closed while writing: {ex.Message}");
            connection.Close();
        }
        finally
        {
            ReleaseWriter();
        }
    }

    /// <summary>Waits until the token is free (an inline write or an end-of-run send holds it for one send).</summary>
    private Task WriterFreedAsync(CancellationToken closed)
    {
        var wanted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _writerWanted, wanted);
        return Volatile.Read(ref _writing) == 0 ? Task.CompletedTask : wanted.Task.WaitAsync(closed);
    }

    /// <summary>
    /// A fault is injected towards this peer: its sends go through the writer loop, which applies it. Faults towards
    /// other peers do not matter here (a drill that delays one link keeps every other one inline).
    /// </summary>
    private bool Faulted => _remoting.Faults.Any && !_remoting.Faults.For(Remote).IsNone;

    /// <summary>
    /// Writes <paramref name="item"/> on the caller's thread when the link is idle: a live connection, nothing queued
    /// before it (so per-association order holds), the token free and no fault injected towards this peer. False: queue it.
    /// </summary>
    private bool TryWriteInline(in Outbound item)
    {
        var connection = Active;
        if (connection is null || connection.IsClosed || Faulted || !TryTakeWriter()) return false;
        try
        {
            if (_queue.Reader.Count > 0 || !ReferenceEquals(Active, connection)) return false;
            var written = Encode(item);
            if (written >= 0 && !connection.CanSendNow(written)) return false;
            if (written >= 0)
            {
                connection.WriteFrame(_scratch.WrittenSpan);
                Interlocked.Add(ref _bytesWritten, written + Framing.HeaderSize);
                Interlocked.Increment(ref _inlineWrites);
            }
            // Inside an actor's run, what it sends to this node goes out in one syscall when the run ends. Bytes
            // left in the buffer are always sent by a later holder of the token: the writer loop sends all it
            // finds when it drains, an inline write sends or defers, and a deferred send that finds the token
            // taken leaves them to its holder.
            if (connection.Unflushed > 0 && !EndOfRun.TryDefer(this)) connection.Flush();
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Lost with the connection, as a message still in the writer's batch would be.
            _remoting.Log.Debug($"connection to {Remote} closed while writing: {ex.Message}");
            connection.Close();
            return true;
        }
        finally
        {
            ReleaseWriter();
        }
    }

    /// <summary>
    /// Drains the queue onto <paramref name="connection"/>, sending after each batch (or when the batch reaches
    /// writeBatchBytes): many small messages share one syscall. The send blocks while the peer's window is full (on a
    /// thread of its own: <see cref="FlushAsync"/>), which is the backpressure from a slow peer; the bounded queue in
    /// front absorbs it. False: the queue is done.
    /// </summary>
    private async Task<bool> WriteLoopAsync(Connection connection)
    {
        var reader = _queue.Reader;
        var closed = connection.Closed;
        try
        {
            while (!connection.IsClosed)
            {
                if (!await reader.WaitToReadAsync(closed).ConfigureAwait(false)) return false;
                if (!TryTakeWriter())
                {
                    await WriterFreedAsync(closed).ConfigureAwait(false);
                    continue;
                }
                bool more;
                try
                {
                    more = await DrainAsync(connection, reader, closed).ConfigureAwait(false);
                }
                finally
                {
                    ReleaseWriter();
                }
                if (!more) return false;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            _remoting.Log.Debug($"connection to {Remote} closed while writing: {ex.Message}");
        }
        connection.Close();
        return true;
    }

    /// <summary>
    /// Sends what the batch left in the buffer. When the send could block (the peer's window is full: it stopped
    /// reading, or reads slower than we write), it blocks a thread of its own, not the pool worker running this loop:
    /// a peer that stalls for good would otherwise hold that worker for as long as it stalls.
    /// </summary>
    private Task FlushAsync(Connection connection)
    {
        if (connection.CanSendNow(0))
        {
            connection.Flush();
            return Task.CompletedTask;
        }
        Interlocked.Increment(ref _blockingFlushes);
        return Task.Factory.StartNew(static c => ((Connection)c!).Flush(), connection, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Writes what is queued now, holding the writer token; false after a Disassociate.</summary>
    private async Task<bool> DrainAsync(Connection connection, ChannelReader<Outbound> reader, CancellationToken closed)
    {
        var batchLimit = _remoting.Settings.WriteBatchBytes;
        var pending = 0;
        while (reader.TryRead(out var item))
        {
            var faults = _remoting.Faults.Any ? _remoting.Faults.For(Remote) : FaultState.None;
            if (!faults.IsNone)
            {
                if (faults.DropSend || faults.Severed) continue;
                if (faults.SendDelay > TimeSpan.Zero)
                {
                    var wait = faults.SendDelay - _remoting.Time.GetElapsedTime(item.EnqueuedAt);
                    if (wait > TimeSpan.Zero)
                    {
                        await FlushAsync(connection).ConfigureAwait(false);
                        pending = 0;
                        await Task.Delay(wait, _remoting.Time, closed).ConfigureAwait(false);
                    }
                }
            }
            if (item.Message is ControlFrame { Connection: { } owner } stale && !ReferenceEquals(owner, connection))
            {
                stale.Ring?.Dispose();
                continue;
            }
            var written = Encode(item);
            if (written < 0) continue;
            connection.WriteFrame(_scratch.WrittenSpan);
            if (item.Message is ControlFrame { Kind: PduKind.RingSwitch, Ring: { } ring })
            {
                // The switch is the last frame the socket carries: everything buffered before it goes first.
                await FlushAsync(connection).ConfigureAwait(false);
                pending = 0;
                connection.SwitchOutputToRing(ring);
                continue;
            }
            if (item.Recipient is not null) Interlocked.Increment(ref _queuedWrites);
            pending += written;
            Interlocked.Add(ref _bytesWritten, written + Framing.HeaderSize);
            if (faults.SendBytesPerSecond is { } rate)
            {
                await FlushAsync(connection).ConfigureAwait(false);
                pending = 0;
                await Task.Delay(TimeSpan.FromSeconds(written / rate), _remoting.Time, closed).ConfigureAwait(false);
            }
            if (pending >= batchLimit)
            {
                await FlushAsync(connection).ConfigureAwait(false);
                pending = 0;
            }
            if (item.Message is ControlFrame { Kind: PduKind.Disassociate })
            {
                await FlushAsync(connection).ConfigureAwait(false);
                return false;
            }
        }
        if (connection.Unflushed > 0) await FlushAsync(connection).ConfigureAwait(false);
        return true;
    }

    /// <summary>Encodes one queued item into the scratch buffer; -1 (and a logged error) if it cannot be serialized.</summary>
    private int Encode(Outbound item)
    {
        _scratch.ResetWrittenCount();
        if (item.Message is ControlFrame control)
        {
            WireWriter.WriteByte(_scratch, (byte)control.Kind);
            if (control.Kind == PduKind.Disassociate) WireWriter.WriteByte(_scratch, (byte)control.Reason);
            if (control.Kind == PduKind.RingOffer) WireWriter.WriteString(_scratch, control.RingName);
            return _scratch.WrittenCount;
        }
        var recipient = item.Recipient!;
        WireWriter.WriteByte(_scratch, (byte)PduKind.Envelope);
        WireWriter.WriteString(_scratch, recipient.SerializedPath);
        WireWriter.WriteString(_scratch, item.Sender is null ? null : _remoting.ToSerializedPath(item.Sender));
        try
        {
            if (item.Message is SystemMessage system)
            {
                WireWriter.WriteInt32(_scratch, SerializerIds.SystemMessages);
                SystemMessageCodec.Write(_remoting, system, _scratch);
                return _scratch.WrittenCount;
            }
            // Manifest and serializer id come first, so reserve them by serializing the payload after them.
            var binding = _remoting.Serialization.BindingFor(item.Message.GetType());
            WireWriter.WriteInt32(_scratch, binding.SerializerId);
            WireWriter.WriteString(_scratch, binding.Manifest);
            _remoting.Serialization.Serialize(item.Message, _scratch);
            return _scratch.WrittenCount;
        }
        catch (Exception ex) when (ex is MessageSerializationException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            _remoting.Log.Error($"cannot send {item.Message.GetType().FullName} to {recipient.Path}: {ex.Message}; message dropped");
            return -1;
        }
    }
}
