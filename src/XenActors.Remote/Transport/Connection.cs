using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using XenActors.Actor;
using XenActors.Remote.Wire;

namespace XenActors.Remote.Transport;

/// <summary>
/// One TCP connection with a pipe on each side. The read loop cuts frames and hands each to the transport; the
/// association's writer is the only writer once the handshake is done. Closing is idempotent.
/// </summary>
internal sealed class Connection
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly CancellationTokenSource _closed = new();
    private int _closing;

    public Connection(Socket socket, bool inbound)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024));
        Inbound = inbound;
        EndPoint = (socket.RemoteEndPoint as IPEndPoint)?.ToString() ?? "?";
    }

    public PipeReader Input { get; }
    public PipeWriter Output { get; }
    public bool Inbound { get; }
    public string EndPoint { get; }
    public CancellationToken Closed => _closed.Token;
    public bool IsClosed => Volatile.Read(ref _closing) == 1;

    /// <summary>Set once the handshake is accepted.</summary>
    public Address? RemoteAddress { get; set; }
    public long RemoteUid { get; set; }
    public Association? Association { get; set; }

    /// <summary>Completed with true when the handshake was accepted, false when it failed (outbound side waits on it).</summary>
    public TaskCompletionSource<bool> Handshake { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes written on this connection (for the bench's bytes-per-message figure).</summary>
    public long BytesWritten;

    public async Task WriteFrameAsync(ArrayBufferWriter<byte> body)
    {
        WriteFrame(body.WrittenSpan);
        await Output.FlushAsync(Closed).ConfigureAwait(false);
    }

    /// <summary>Copies one frame (length prefix + body) into the output pipe; not flushed.</summary>
    public void WriteFrame(ReadOnlySpan<byte> body)
    {
        var span = Output.GetSpan(Framing.HeaderSize + body.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(span, body.Length);
        body.CopyTo(span[Framing.HeaderSize..]);
        Output.Advance(Framing.HeaderSize + body.Length);
        BytesWritten += Framing.HeaderSize + body.Length;
    }

    /// <summary>Reads frames until the peer closes, a frame is refused, or <see cref="Close"/> is called.</summary>
    public async Task ReadLoopAsync(int maximumFrameSize, Func<Connection, ReadOnlySequence<byte>, bool> onFrame, Action<Connection, string> onClosed)
    {
        var reason = "peer closed the connection";
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync(Closed).ConfigureAwait(false);
                var buffer = result.Buffer;
                var keep = true;
                while (keep)
                {
                    switch (Framing.TryReadFrame(ref buffer, maximumFrameSize, out var frame, out var length))
                    {
                        case Framing.Result.Frame:
                            keep = onFrame(this, frame);
                            if (!keep) reason = "frame refused";
                            continue;
                        case Framing.Result.BadLength:
                            reason = $"bad frame length {length} (must be 1-{maximumFrameSize}; the stream cannot be trusted any more)";
                            keep = false;
                            break;
                        default:
                            break;
                    }
                    break;
                }
                if (!keep)
                {
                    onClosed(this, reason);
                    return;
                }
                Input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException)
        {
            reason = "closed locally";
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            reason = ex.Message;
        }
        onClosed(this, reason);
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        Handshake.TrySetResult(false);
        try { _closed.Cancel(); } catch (ObjectDisposedException) { }
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        _stream.Dispose();
    }

    public override string ToString() => $"{(Inbound ? "inbound" : "outbound")} {RemoteAddress?.ToString() ?? EndPoint}";
}
