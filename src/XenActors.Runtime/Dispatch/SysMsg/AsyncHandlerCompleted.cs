using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

/// <summary>The task returned by a ReceiveAsync handler has finished: resume user messages (or fail).</summary>
internal sealed class AsyncHandlerCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
