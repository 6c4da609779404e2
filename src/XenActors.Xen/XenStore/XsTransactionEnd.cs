using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_TRANSACTION_END: commit or abort; EAGAIN when a node it touched changed meanwhile (retry).</summary>
public sealed record XsTransactionEnd(IActorRef Owner, uint DomId, uint TxId, bool Commit) : XsRequest(Owner, DomId);
