using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_READ: the value, ENOENT if absent, EACCES if the caller may not read it.</summary>
public sealed record XsRead(IActorRef Owner, uint DomId, string Path, uint TxId = 0) : XsRequest(Owner, DomId);
