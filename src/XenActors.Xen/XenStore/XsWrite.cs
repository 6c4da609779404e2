using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_WRITE: creates missing parents (inheriting their ACL).</summary>
public sealed record XsWrite(IActorRef Owner, uint DomId, string Path, string Value, uint TxId = 0) : XsRequest(Owner, DomId);
