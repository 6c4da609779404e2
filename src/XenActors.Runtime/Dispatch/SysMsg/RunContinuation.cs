using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

/// <summary>A continuation of an async handler, run inside the actor so that Self/Sender/Context hold.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;
    public object? State { get; } = state;
}
