using XenActors.Dispatch;
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
    private int _completed;

    private readonly ActorSystemImpl _system;
    private readonly TaskCompletionSource<T> _promise;
    private readonly bool _askedByActor;
    private readonly object _target;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancellation;

    public PromiseActorRef(ActorSystemImpl system, object target)
    {
        _system = system;
        _target = target;
        Path = system.NewTempPath();
        // Asked from an actor's run: the awaiting code is that actor's (or a library it called, up to the actor's own
        // await), which does not block. Its promise is completed by a work item of its own (never inline on the
        // replier's thread), and on a remoting reader thread that work item runs right there (CallerRuns): a reply
        // from another node reaches the awaiting code without a thread hop, even through a ConfigureAwait(false).
        // Any other asker (a test or command awaiting without a context, then blocking on a probe) keeps
        // continuations off the replier's thread, where its blocking could hold up a reader thread.
        _askedByActor = EndOfRun.InRun;
        _promise = _askedByActor ? new() : new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Publish()
    {
        if (Interlocked.Exchange(ref _published, 1) != 0) return;
        _system.RegisterTemp(this);
        // Completed meanwhile: Complete may have looked before the flag was set.
        if (IsTerminated) _system.UnregisterTemp(this);
    }

    public override ActorPath Path { get; }
    public override bool IsTerminated => Volatile.Read(ref _completed) != 0;
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
        if (Interlocked.Exchange(ref _completed, 1) != 0) return;
        if (Volatile.Read(ref _published) != 0) _system.UnregisterTemp(this);
        _timer?.Dispose();
        _cancellation.Dispose();
        if (!_askedByActor)
        {
            complete(_promise);
            return;
        }
        var completion = new Completion(_promise, complete);
        if (!CallerRuns.TryTake(completion)) ThreadPool.UnsafeQueueUserWorkItem(completion, preferLocal: true);
    }

    private sealed class Completion(TaskCompletionSource<T> promise, Func<TaskCompletionSource<T>, bool> complete) : IThreadPoolWorkItem
    {
        public void Execute() => complete(promise);
    }
}
