using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_INTRODUCE (dom0 only): the store learns a new domain; @introduceDomain fires.</summary>
public sealed record XsIntroduce(IActorRef Owner, uint DomId, uint NewDomId) : XsRequest(Owner, DomId);
