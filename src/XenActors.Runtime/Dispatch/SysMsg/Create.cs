using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

internal sealed class Create : SystemMessage
{
    public static readonly Create Instance = new();
}
