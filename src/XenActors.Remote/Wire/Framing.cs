using System.Buffers;
using System.Buffers.Binary;

namespace XenActors.Remote.Wire;

/// <summary>
/// Frames are a 4-byte little-endian length followed by that many bytes (Akka's DotNetty framing). A length of
/// zero or above the maximum frame size means the stream can no longer be trusted: the connection is closed.
/// </summary>
public static class Framing
{
    public const int HeaderSize = 4;

    public enum Result
    {
        NeedMore,
        Frame,
        BadLength,
    }

    /// <summary>Takes one frame off the front of <paramref name="buffer"/> if it is complete.</summary>
    public static Result TryReadFrame(ref ReadOnlySequence<byte> buffer, int maximumFrameSize, out ReadOnlySequence<byte> frame, out int length)
    {
        frame = default;
        length = 0;
        if (buffer.Length < HeaderSize) return Result.NeedMore;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length <= 0 || length > maximumFrameSize) return Result.BadLength;
        if (buffer.Length < HeaderSize + length) return Result.NeedMore;
        frame = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return Result.Frame;
    }
}
