using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_TRANSACTION_START: the new transaction id, in decimal, in <see cref="XsResult.Value"/>.</summary>
public sealed record XsTransactionStart(IActorRef Owner, uint DomId) : XsRequest(Owner, DomId);
