namespace XenActors.Dispatch;

/// <summary>
/// Decides where mailbox runs execute. Behind an interface so that a deterministic, single-threaded
/// dispatcher can replace the thread pool for replayable drills.
/// </summary>
public abstract class MessageDispatcher
{
    /// <summary>Messages a mailbox processes per run before yielding its thread (Akka's throughput, default 30).</summary>
    public int Throughput { get; init; } = 30;

    public abstract void Schedule(IThreadPoolWorkItem run);
}
