namespace XenActors.Dispatch;

/// <summary>
/// A single-threaded dispatcher driven by its owner: nothing runs until <see cref="RunUntilIdle"/> is called.
/// The base of deterministic mode (one seeded order, replayable), and handy in unit tests.
/// </summary>
public sealed class ManualDispatcher : MessageDispatcher
{
    private readonly Queue<IThreadPoolWorkItem> _ready = new();
    private readonly Lock _gate = new();

    public override void Schedule(IThreadPoolWorkItem run)
    {
        lock (_gate) _ready.Enqueue(run);
    }

    public int Pending
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <summary>Runs scheduled mailboxes, including those scheduled meanwhile, until none is left; returns how many runs.</summary>
    public int RunUntilIdle(int maxRuns = int.MaxValue)
    {
        var runs = 0;
        while (runs < maxRuns)
        {
            IThreadPoolWorkItem? next;
            lock (_gate)
            {
                if (!_ready.TryDequeue(out next)) break;
            }
            next.Execute();
            runs++;
        }
        return runs;
    }
}
