using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_RM: removes the node and everything under it.</summary>
public sealed record XsRm(IActorRef Owner, uint DomId, string Path, uint TxId = 0) : XsRequest(Owner, DomId);
