using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace XenActors.Remote.Wire;

/// <summary>Little-endian primitives and length-prefixed UTF-8 strings into a buffer writer (the PDU encoding).</summary>
public static class WireWriter
{
    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteInt32(IBufferWriter<byte> output, int value)
    {
        ArgumentNullException.ThrowIfNull(output);
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void WriteInt64(IBufferWriter<byte> output, long value)
    {
        ArgumentNullException.ThrowIfNull(output);
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>A string as int32 byte count + UTF-8; null is written as -1.</summary>
    public static void WriteString(IBufferWriter<byte> output, string? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (value is null)
        {
            WriteInt32(output, -1);
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = output.GetSpan(4 + max);
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, written);
        output.Advance(4 + written);
    }

    public static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteInt32(output, value.Length);
        output.Write(value);
    }
}
