using XenActors.Actor;

namespace XenActors.Dispatch.SysMsg;

/// <summary>Lifecycle and supervision traffic; always processed before user messages.</summary>
internal abstract class SystemMessage;
