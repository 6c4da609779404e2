using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

internal sealed class Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}
