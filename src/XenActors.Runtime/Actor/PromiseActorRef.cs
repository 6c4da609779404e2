using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>
/// The temporary ref an Ask replies to, registered under <c>/temp</c> so remote replies find it. The first reply
/// completes the task; <see cref="Status.Failure"/> fails it; a reply of the wrong type fails it with ArgumentException.
/// </summary>
internal sealed class PromiseActorRef<T> : ActorRefBase
{
    private readonly ActorSystemImpl _system;
    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _target;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystemImpl system, object target)
    {
        _system = system;
        _target = target;
        Path = system.NewTempPath();
        system.RegisterTemp(this);
    }

    public override ActorPath Path { get; }
    public override bool IsTerminated => _promise.Task.IsCompleted;
    public Task<T> Task => _promise.Task;

    public void Arm(object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is { } t)
        {
            var text = $"Ask timed out on {_target} after {t.TotalMilliseconds:0} ms. Message of type [{message.GetType().FullName}]. " +
                       "A typical reason is that the recipient actor did not send a reply.";
            _timer = _system.TimeProvider.CreateTimer(
                static s => { var (self, msg) = ((PromiseActorRef<T>, string))s!; self.Complete(p => p.TrySetException(new AskTimeoutException(msg))); },
                (this, text), t, Timeout.InfiniteTimeSpan);
        }
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(static s => ((PromiseActorRef<T>)s!).Complete(p => p.TrySetCanceled()), this);
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        switch (message)
        {
            case Status.Failure failure:
                Complete(p => p.TrySetException(failure.Cause));
                break;
            case T reply:
                Complete(p => p.TrySetResult(reply));
                break;
            default:
                Complete(p => p.TrySetException(new ArgumentException(
                    $"Ask of {_target} expected a reply of type {typeof(T).Name} but received {message.GetType().Name}: {message}")));
                break;
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && IsTerminated) watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, true, false));
    }

    private void Complete(Func<TaskCompletionSource<T>, bool> complete)
    {
        if (!complete(_promise)) return;
        _system.UnregisterTemp(this);
        _timer?.Dispose();
        _cancellation.Dispose();
    }
}
