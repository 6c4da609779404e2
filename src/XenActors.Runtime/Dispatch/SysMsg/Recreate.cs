using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}
