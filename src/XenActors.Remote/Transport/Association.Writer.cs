using System.Buffers;
using XenActors.Dispatch.SysMsg;
using XenActors.Remote.Faults;
using XenActors.Remote.Serialization;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

internal sealed partial class Association
{
    /// <summary>
    /// Drains the queue onto <paramref name="connection"/>, flushing after each batch (or when the batch reaches
    /// writeBatchBytes): many small messages share one syscall. FlushAsync waits while the socket is full, which
    /// is the backpressure from a slow peer; the bounded queue in front absorbs it. False: the queue is done.
    /// </summary>
    private async Task<bool> WriteLoopAsync(Connection connection)
    {
        var reader = _queue.Reader;
        var closed = connection.Closed;
        var batchLimit = _remoting.Settings.WriteBatchBytes;
        try
        {
            while (!connection.IsClosed)
            {
                if (!await reader.WaitToReadAsync(closed).ConfigureAwait(false)) return false;
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
                                if (pending > 0) await connection.Output.FlushAsync(closed).ConfigureAwait(false);
                                pending = 0;
                                await Task.Delay(wait, _remoting.Time, closed).ConfigureAwait(false);
                            }
                        }
                    }
                    var written = Encode(item);
                    if (written < 0) continue;
                    connection.WriteFrame(_scratch.WrittenSpan);
                    pending += written;
                    Interlocked.Add(ref _bytesWritten, written + Framing.HeaderSize);
                    if (faults.SendBytesPerSecond is { } rate)
                    {
                        await connection.Output.FlushAsync(closed).ConfigureAwait(false);
                        pending = 0;
                        await Task.Delay(TimeSpan.FromSeconds(written / rate), _remoting.Time, closed).ConfigureAwait(false);
                    }
                    if (pending >= batchLimit)
                    {
                        await connection.Output.FlushAsync(closed).ConfigureAwait(false);
                        pending = 0;
                    }
                    if (item.Message is ControlFrame { Kind: PduKind.Disassociate })
                    {
                        await connection.Output.FlushAsync(closed).ConfigureAwait(false);
                        return false;
                    }
                }
                if (pending > 0) await connection.Output.FlushAsync(closed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            _remoting.Log.Debug($"connection to {Remote} closed while writing: {ex.Message}");
        }
        connection.Close();
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
