namespace XenActors.Dispatch;

/// <summary>Runs mailboxes on the .NET thread pool without allocating per schedule.</summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    // The worker's local queue: a message an actor sends is usually handled next on the same core, and idle workers
    // steal from it, so nothing waits on a busy one. The global queue cost a third of the hot-plug throughput.
    public override void Schedule(IThreadPoolWorkItem run) => ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: true);
}
