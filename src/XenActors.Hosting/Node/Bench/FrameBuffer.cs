using System.Buffers;
using System.Net.Sockets;
using XenActors.Remote.Wire;

namespace XenActors.Hosting.Node.Bench;

/// <summary>The bare floor's receive side: blocking reads into one buffer, cut into length-prefixed frames.</summary>
internal sealed class FrameBuffer
{
    private const int MaximumFrame = 1 << 20;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start, _end;

    /// <summary>Blocks until bytes arrive; false when the peer closed.</summary>
    public bool Receive(Socket socket)
    {
        if (_start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            var target = _end - _start < _buffer.Length / 2 ? _buffer : new byte[_buffer.Length * 2];
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            (_buffer, _end, _start) = (target, _end - _start, 0);
        }
        var n = socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        _end += n;
        return n > 0;
    }

    /// <summary>The next whole frame's body, if one has arrived.</summary>
    public bool TryTake(out ReadOnlySpan<byte> frame)
    {
        var unread = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
        var result = Framing.TryReadFrame(ref unread, MaximumFrame, out var body, out var length);
        if (result == Framing.Result.BadLength) throw new InvalidDataException($"bad frame length {length}");
        if (result != Framing.Result.Frame)
        {
            frame = default;
            return false;
        }
        frame = _buffer.AsSpan((int)(_end - unread.Length - body.Length), (int)body.Length);
        _start = _end - (int)unread.Length;
        return true;
    }
}
