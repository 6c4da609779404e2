using XenActors.Dispatch.SysMsg;

namespace XenActors.Actor;

/// <summary>
/// The temporary ref an Ask replies to. It is registered under <c>/temp</c> only when its path leaves the process
/// (<see cref="Publish"/>, called by remoting as it serializes the ref), so a remote reply finds it; a local Ask, the
/// common case, costs no registry write (two per Ask were the hottest lock of a many-guest hot-plug run). The first
/// reply completes the task; <see cref="Status.Failure"/> fails it; a reply of the wrong type fails it with ArgumentException.
/// </summary>
internal sealed class PromiseActorRef<T> : ActorRefBase, ITemporaryActorRef
{
    private int _published;

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
    }

    public void Publish()
    {
        if (Interlocked.Exchange(ref _published, 1) != 0) return;
        _system.RegisterTemp(this);
        // Completed meanwhile: Complete may have looked before the flag was set.
        if (IsTerminated) _system.UnregisterTemp(this);
    }

    public override ActorPath Path { get; }
    public override bool IsTerminated => _promise.Task.IsCompleted;
    public Task<T> Task => _promise.Task;

    public void Arm(object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is { } t)
        {
            // The message is formatted only if the time-out fires: formatting the target's path on every Ask was
            // a measurable share of a hot-plug scan's hundreds of asks.
            _timer = _system.TimeProvider.CreateTimer(
                static s =>
                {
                    var (self, type, after) = ((PromiseActorRef<T>, Type, TimeSpan))s!;
                    var text = $"Ask timed out on {self._target} after {after.TotalMilliseconds:0} ms. Message of type [{type.FullName}]. " +
                               "A typical reason is that the recipient actor did not send a reply.";
                    self.Complete(p => p.TrySetException(new AskTimeoutException(text)));
                },
                (this, message.GetType(), t), t, Timeout.InfiniteTimeSpan);
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
        if (Volatile.Read(ref _published) != 0) _system.UnregisterTemp(this);
        _timer?.Dispose();
        _cancellation.Dispose();
    }
}
