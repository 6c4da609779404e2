namespace XenActors.Dispatch;

/// <summary>
/// Lets a thread that delivers messages from outside (a remoting reader thread) run the mailboxes it wakes itself,
/// instead of handing each to the thread pool: on a machine where a thread hop costs ~20 µs, a message that crosses
/// processes then reaches its actor without one. Runs are trampolined (an actor that wakes another appends it; no
/// recursion) and bounded: past <c>limit</c> runs, or as soon as <c>yieldNow</c> says the thread has other work,
/// the rest go to their dispatcher as usual. Only mailboxes of the thread-pool dispatcher are taken; deterministic
/// and manual dispatchers keep their own order.
/// </summary>
internal sealed class CallerRuns
{
    [ThreadStatic] private static CallerRuns? t_current;
    [ThreadStatic] private static bool t_postingContinuation;

    private readonly Queue<IThreadPoolWorkItem> _pending = new();
    private readonly int _limit;
    private readonly Func<bool> _yieldNow;
    private bool _inForeignWork;

    private CallerRuns(int limit, Func<bool> yieldNow)
    {
        _limit = limit;
        _yieldNow = yieldNow;
    }

    /// <summary>Makes the current thread run the mailboxes it schedules, when it calls <see cref="RunPending"/>.</summary>
    public static CallerRuns Install(int limit, Func<bool> yieldNow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentNullException.ThrowIfNull(yieldNow);
        var runs = new CallerRuns(limit, yieldNow);
        t_current = runs;
        return runs;
    }

    /// <summary>Hands whatever is still pending to the dispatchers and stops taking runs on this thread.</summary>
    public void Uninstall()
    {
        if (ReferenceEquals(t_current, this)) t_current = null;
        HandOff();
    }

    internal static bool TryTake(Mailbox mailbox, MessageDispatcher dispatcher)
    {
        var runs = t_current;
        if (runs is null || dispatcher is not ThreadPoolDispatcher) return false;
        // Code that awaited an Ask runs here when the reply arrives, and it may block (Wait on something it just
        // told an actor to do): the actors it wakes go to the pool, or the wait would hold them here for good. Only
        // the continuation of an actor's own await, which runs in that actor's mailbox, stays.
        if (runs._inForeignWork && !t_postingContinuation) return false;
        runs._pending.Enqueue(mailbox);
        return true;
    }

    /// <summary>Set while an actor's await continuation is posted to its mailbox (see <see cref="TryTake(Mailbox, MessageDispatcher)"/>).</summary>
    internal static bool PostingContinuation
    {
        get => t_postingContinuation;
        set => t_postingContinuation = value;
    }

    /// <summary>Takes other thread-pool work (an Ask's completion) to run on this thread with the mailboxes.</summary>
    internal static bool TryTake(IThreadPoolWorkItem work)
    {
        var runs = t_current;
        if (runs is null || runs._inForeignWork) return false;
        runs._pending.Enqueue(work);
        return true;
    }

    /// <summary>Runs the mailboxes woken so far on this thread (and those they wake), within the bound.</summary>
    public void RunPending()
    {
        if (_pending.Count == 0) return;
        // One end of run for all of them: what the actors woken by one read send to a node leaves in one syscall.
        var outermost = EndOfRun.Enter();
        try
        {
            var done = 0;
            while (_pending.Count > 0)
            {
                if (done++ >= _limit || _yieldNow())
                {
                    HandOff();
                    return;
                }
                var work = _pending.Dequeue();
                if (work is Mailbox mailbox)
                {
                    mailbox.Execute();
                    continue;
                }
                // Other work (code awaiting an Ask) may block: what the runs so far sent goes out before it, what it
                // sends goes out at once, and the actors it wakes go to the pool (TryTake).
                if (outermost) EndOfRun.Exit();
                _inForeignWork = true;
                try
                {
                    work.Execute();
                }
                finally
                {
                    _inForeignWork = false;
                    if (outermost) EndOfRun.Enter();
                }
            }
        }
        finally
        {
            if (outermost) EndOfRun.Exit();
        }
    }

    private void HandOff()
    {
        while (_pending.TryDequeue(out var work))
        {
            if (work is Mailbox mailbox) mailbox.ScheduleOnDispatcher();
            else ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }
    }
}
