using System.Buffers;

namespace XenActors.Remote.Serialization;

/// <summary>How one message type travels: which serializer, under which stable manifest, and the two directions.</summary>
public sealed record MessageBinding(
    Type Type,
    int SerializerId,
    string Manifest,
    Action<object, IBufferWriter<byte>> Write,
    ReadMessage Read);

/// <summary>Reads a message of a bound type from its bytes.</summary>
public delegate object ReadMessage(ReadOnlySpan<byte> bytes);
