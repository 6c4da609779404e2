namespace XenActors.Actor;

/// <summary>Replies that say how an operation ended; an Ask that receives <see cref="Failure"/> throws its cause.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause, object? State = null);
}
