using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_MKDIR: succeeds if the node exists already.</summary>
public sealed record XsMkdir(IActorRef Owner, uint DomId, string Path, uint TxId = 0) : XsRequest(Owner, DomId);
