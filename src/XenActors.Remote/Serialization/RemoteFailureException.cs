namespace XenActors.Remote.Serialization;

/// <summary>A <c>Status.Failure</c> that came from another node: the original type name and message.</summary>
public sealed class RemoteFailureException : Exception
{
    public RemoteFailureException() { }

    public RemoteFailureException(string message) : base(message) { }

    public RemoteFailureException(string message, Exception inner) : base(message, inner) { }

    public RemoteFailureException(string originalType, string message, bool remote) : base($"{originalType}: {message}") =>
        OriginalType = remote ? originalType : null;

    public string? OriginalType { get; }
}
