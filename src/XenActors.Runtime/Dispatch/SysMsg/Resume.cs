using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}
