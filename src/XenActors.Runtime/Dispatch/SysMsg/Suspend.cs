using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

internal sealed class Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}
