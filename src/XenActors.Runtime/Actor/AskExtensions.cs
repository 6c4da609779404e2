namespace XenActors.Actor;

/// <summary>Request-response on top of Tell (Akka's Ask): a temporary ref receives the one reply.</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> and awaits a reply of type <typeparamref name="T"/>. A timeout throws
    /// <see cref="AskTimeoutException"/>; a <see cref="Status.Failure"/> reply throws its cause. Without a timeout the
    /// system's <c>askTimeout</c> applies (none by default, as in Akka).
    /// </summary>
    public static Task<T> Ask<T>(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (target is not IHasActorSystem { System: var system })
        {
            throw new NotSupportedException($"Ask is not supported on {target.GetType().Name}");
        }
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), t, "an Ask timeout must be positive");
        var promise = new PromiseActorRef<T>(system, target);
        promise.Arm(message, timeout ?? system.Settings.AskTimeout, cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    public static Task<object> Ask(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        target.Ask<object>(message, timeout, cancellationToken);
}
