namespace XenActors.Dispatch;

/// <summary>Runs mailboxes on the .NET thread pool without allocating per schedule.</summary>
public sealed class ThreadPoolDispatcher : MessageDispatcher
{
    public override void Schedule(IThreadPoolWorkItem run) => ThreadPool.UnsafeQueueUserWorkItem(run, preferLocal: true);
}
