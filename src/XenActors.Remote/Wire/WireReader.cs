using System.Buffers.Binary;
using System.Text;

namespace XenActors.Remote.Wire;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, checking every length against what is left, so a truncated or
/// forged PDU ends in <see cref="MalformedPduException"/> instead of an out-of-range read.
/// </summary>
public ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public string? ReadString()
    {
        var length = ReadInt32();
        if (length == -1) return null;
        if (length < 0) throw new MalformedPduException($"negative string length {length}");
        return Encoding.UTF8.GetString(Take(length));
    }

    public string ReadRequiredString(string what) => ReadString() ?? throw new MalformedPduException($"{what} is missing");

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadInt32();
        if (length < 0) throw new MalformedPduException($"negative byte-array length {length}");
        return Take(length);
    }

    /// <summary>Everything not read yet (the payload that ends an envelope).</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _data[_position..];
        _position = _data.Length;
        return rest;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining) throw new MalformedPduException($"truncated: needed {count} byte(s) at offset {_position}, {Remaining} left");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
