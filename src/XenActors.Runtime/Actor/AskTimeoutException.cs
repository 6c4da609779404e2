namespace XenActors.Actor;

/// <summary>An Ask got no reply in time.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException(string message) : base(message) { }
}
