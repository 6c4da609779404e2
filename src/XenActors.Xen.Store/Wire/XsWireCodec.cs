using System.Buffers;
using System.Buffers.Binary;

namespace XenActors.Xen.Store.Wire;

/// <summary>
/// Pure framing for the xenstore wire format: a little-endian header {u32 type, req_id, tx_id, len}
/// followed by at most <see cref="MaxPayload"/> bytes of payload.
/// </summary>
public static class XsWireCodec
{
    public const int HeaderSize = 16;

    /// <summary>XENSTORE_PAYLOAD_MAX.</summary>
    public const int MaxPayload = 4096;

    /// <summary>
    /// Cuts one message off the front of <paramref name="buffer"/>. On <see cref="XsFrameStatus.Complete"/>
    /// the buffer is advanced past it and the payload is copied (so the caller may release the pipe memory).
    /// </summary>
    public static XsFrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out XsMessage message)
    {
        message = default;
        if (buffer.Length < HeaderSize)
            return XsFrameStatus.NeedMoreData;

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var len = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
        if (len > MaxPayload)
            return XsFrameStatus.PayloadTooLarge;
        if (buffer.Length < HeaderSize + len)
            return XsFrameStatus.NeedMoreData;

        var payload = len == 0 ? [] : buffer.Slice(HeaderSize, len).ToArray();
        message = new XsMessage(
            (XsdMessageType)BinaryPrimitives.ReadUInt32LittleEndian(header),
            BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[8..]),
            payload);
        buffer = buffer.Slice(HeaderSize + len);
        return XsFrameStatus.Complete;
    }

    /// <summary>Span overload for callers holding one contiguous buffer; reports how many bytes the message used.</summary>
    public static XsFrameStatus TryRead(ReadOnlySpan<byte> buffer, out XsMessage message, out int consumed)
    {
        var status = TryReadHeader(buffer, out var header, out consumed);
        message = status == XsFrameStatus.Complete
            ? header with { Payload = buffer.Slice(HeaderSize, consumed - HeaderSize).ToArray() }
            : default;
        return status;
    }

    /// <summary>
    /// Cuts one message off the front of a contiguous buffer without copying: the payload aliases
    /// <paramref name="buffer"/>, so it is valid only until the caller reuses that memory (a server
    /// handling a whole read batch before it receives again).
    /// </summary>
    public static XsFrameStatus TryReadInPlace(ReadOnlyMemory<byte> buffer, out XsMessage message, out int consumed)
    {
        var status = TryReadHeader(buffer.Span, out var header, out consumed);
        message = status == XsFrameStatus.Complete
            ? header with { Payload = buffer.Slice(HeaderSize, consumed - HeaderSize) }
            : default;
        return status;
    }

    private static XsFrameStatus TryReadHeader(ReadOnlySpan<byte> buffer, out XsMessage header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (buffer.Length < HeaderSize)
            return XsFrameStatus.NeedMoreData;
        var len = BinaryPrimitives.ReadUInt32LittleEndian(buffer[12..]);
        if (len > MaxPayload)
            return XsFrameStatus.PayloadTooLarge;
        if (buffer.Length < HeaderSize + len)
            return XsFrameStatus.NeedMoreData;
        header = new XsMessage(
            (XsdMessageType)BinaryPrimitives.ReadUInt32LittleEndian(buffer),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer[8..]),
            ReadOnlyMemory<byte>.Empty);
        consumed = HeaderSize + (int)len;
        return XsFrameStatus.Complete;
    }

    public static void WriteHeader(Span<byte> destination, XsdMessageType type, uint reqId, uint txId, int length)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], reqId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], txId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)length);
    }

    /// <summary>Appends header and payload to <paramref name="writer"/>; returns bytes written.</summary>
    public static int Write(IBufferWriter<byte> writer, XsdMessageType type, uint reqId, uint txId, ReadOnlySpan<byte> payload)
    {
        var total = HeaderSize + payload.Length;
        var span = writer.GetSpan(total);
        WriteHeader(span, type, reqId, txId, payload.Length);
        payload.CopyTo(span[HeaderSize..]);
        writer.Advance(total);
        return total;
    }

    public static byte[] Encode(XsMessage message)
    {
        var bytes = new byte[HeaderSize + message.Payload.Length];
        WriteHeader(bytes, message.Type, message.ReqId, message.TxId, message.Payload.Length);
        message.Payload.Span.CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }
}
