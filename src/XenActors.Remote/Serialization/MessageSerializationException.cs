namespace XenActors.Remote.Serialization;

/// <summary>A message could not be turned into bytes or back: no binding for its type, an unknown manifest, bad bytes.</summary>
public sealed class MessageSerializationException : Exception
{
    public MessageSerializationException() { }

    public MessageSerializationException(string message) : base(message) { }

    public MessageSerializationException(string message, Exception inner) : base(message, inner) { }
}
