using System.Buffers;
using System.Net.Sockets;

namespace XenActors.Remote.Wire;

/// <summary>
/// The receive side of a blocking framed connection: reads into one buffer and cuts it into length-prefixed frames
/// (<see cref="Framing"/>). The buffer grows only for a frame larger than it, never past the largest frame allowed, and
/// moves the unread bytes to its front when it fills. A frame taken is valid until the next <see cref="Receive"/>.
/// </summary>
public sealed class FrameBuffer(int maximumFrameSize)
{
    private byte[] _buffer = new byte[Math.Min(64 * 1024, maximumFrameSize + Framing.HeaderSize)];
    private int _start, _end;

    /// <summary>Blocks until bytes arrive; false when the peer closed.</summary>
    public bool Receive(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var n = socket.Receive(FreeSpace(), SocketFlags.None);
        _end += n;
        return n > 0;
    }

    /// <summary>
    /// Where the next bytes go (never empty): unread bytes move to the front when the buffer is full, and it grows
    /// when a frame is larger than it. Say how many were put there with <see cref="Advance"/>.
    /// </summary>
    public Span<byte> FreeSpace()
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            var unread = _end - _start;
            var target = unread < _buffer.Length ? _buffer : new byte[Math.Min(_buffer.Length * 2, maximumFrameSize + Framing.HeaderSize)];
            Buffer.BlockCopy(_buffer, _start, target, 0, unread);
            (_buffer, _start, _end) = (target, 0, unread);
        }
        return _buffer.AsSpan(_end);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into <see cref="FreeSpace"/> as received.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>Drops every unread byte (what followed the last frame of a stream that moved elsewhere).</summary>
    public void Discard() => _start = _end = 0;

    /// <summary>The next whole frame's body, if it has arrived; <see cref="Framing.Result.BadLength"/> says the stream cannot be trusted.</summary>
    public Framing.Result TryTake(out ReadOnlySequence<byte> frame, out int length)
    {
        var unread = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
        var result = Framing.TryReadFrame(ref unread, maximumFrameSize, out frame, out length);
        if (result == Framing.Result.Frame) _start = _end - (int)unread.Length;
        return result;
    }
}
