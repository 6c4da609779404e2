using XenActors.Actor;

namespace XenActors.Scheduler;

/// <summary>
/// A scheduler over <see cref="System.TimeProvider"/> timers: the real clock in production, a manual one in
/// deterministic runs. Cancelled work never fires afterwards (checked in the callback, not only by disposing).
/// </summary>
public sealed class TimerScheduler(TimeProvider timeProvider) : IScheduler, IDisposable
{
    private readonly HashSet<Scheduled> _live = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleTellOnceCancelable(delay, receiver, message, sender);

    public ICancelable ScheduleTellOnceCancelable(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Start(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), repeat: false);

    public void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        ScheduleTellRepeatedlyCancelable(initialDelay, interval, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedlyCancelable(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be positive");
        return Start(initialDelay, interval, () => receiver.Tell(message, sender), repeat: true);
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Start(delay, Timeout.InfiniteTimeSpan, action, repeat: false);

    private Scheduled Start(TimeSpan delay, TimeSpan period, Action action, bool repeat)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var scheduled = new Scheduled(this, action, repeat);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _live.Add(scheduled);
        }
        scheduled.Timer = TimeProvider.CreateTimer(static s => ((Scheduled)s!).Fire(), scheduled, delay, period);
        if (scheduled.IsCancellationRequested) scheduled.Timer.Dispose(); // cancelled before the timer existed
        return scheduled;
    }

    private void Forget(Scheduled scheduled)
    {
        lock (_gate) _live.Remove(scheduled);
    }

    /// <summary>Cancels everything still scheduled (the system is terminating).</summary>
    public void Dispose()
    {
        Scheduled[] live;
        lock (_gate)
        {
            _disposed = true;
            live = [.. _live];
            _live.Clear();
        }
        foreach (var s in live) s.Cancel();
    }

    private sealed class Scheduled(TimerScheduler owner, Action action, bool repeat) : ICancelable
    {
        private int _cancelled;

        public ITimer? Timer { get; set; }

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) == 1;

        public void Fire()
        {
            if (IsCancellationRequested) return;
            if (!repeat) Cancel();
            action();
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) == 1) return;
            Timer?.Dispose();
            owner.Forget(this);
        }
    }
}
