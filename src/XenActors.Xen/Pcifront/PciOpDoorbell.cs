namespace XenActors.Xen.Pcifront;

/// <summary>
/// pcifront waits for pciback's notification of a finished pci-op here. The wait lives outside the
/// pcifront actor's mailbox (which is busy awaiting it); the event-channel latch rings it, handing over the
/// page as the upcall found it (null if the upcall carried none).
/// </summary>
/// <remarks>
/// One timer per device, re-armed per op rather than one scheduled per op (a guest's scan makes hundreds). A stale
/// firing of the previous op's timer finds the new op not yet due and leaves it: its own re-arm follows its Arm.
/// </remarks>
internal sealed class PciOpDoorbell(TimeProvider clock, TimeSpan timeout) : IDisposable
{
    private TaskCompletionSource<(bool Rung, byte[]? Page)>? _pending;
    private long _armedAt;
    private ITimer? _timer;

    /// <summary>Arms the bell before the request is sent; Rung is true when rung, false on time-out.</summary>
    public Task<(bool Rung, byte[]? Page)> Arm()
    {
        // Completed synchronously: the waiter is pcifront's own await, which resumes by posting to pcifront's mailbox
        // (its actor context), never inline on the ringing thread; on a remoting reader thread that run then follows
        // at once, without a hop through the thread pool.
        var tcs = new TaskCompletionSource<(bool Rung, byte[]? Page)>();
        Volatile.Write(ref _armedAt, clock.GetTimestamp());
        Volatile.Write(ref _pending, tcs);
        _timer ??= clock.CreateTimer(static s => ((PciOpDoorbell)s!).TimeOutIfDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        return tcs.Task;
    }

    /// <summary>The op is answered (or given up): the timer rests until the next one.</summary>
    public void Disarm() => _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose() => _timer?.Dispose();

    private void TimeOutIfDue()
    {
        var current = Volatile.Read(ref _pending);
        if (current is not null && clock.GetElapsedTime(Volatile.Read(ref _armedAt)) >= timeout)
            TimeOut(current.Task);
    }

    public void Ring(byte[]? page) => Interlocked.Exchange(ref _pending, null)?.TrySetResult((true, page));

    public void TimeOut(Task<(bool Rung, byte[]? Page)> armed)
    {
        var current = Volatile.Read(ref _pending);
        if (current is not null && ReferenceEquals(current.Task, armed) && Interlocked.CompareExchange(ref _pending, null, current) == current)
            current.TrySetResult((false, null));
    }
}
