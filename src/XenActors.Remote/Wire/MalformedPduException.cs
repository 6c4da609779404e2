namespace XenActors.Remote.Wire;

/// <summary>A frame whose contents do not parse: truncated, a bad length inside, an unknown kind.</summary>
public sealed class MalformedPduException : Exception
{
    public MalformedPduException() { }

    public MalformedPduException(string message) : base(message) { }

    public MalformedPduException(string message, Exception inner) : base(message, inner) { }
}
