using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_RELEASE (dom0 only): the domain is gone; its connections close and @releaseDomain fires.</summary>
public sealed record XsRelease(IActorRef Owner, uint DomId, uint ReleasedDomId) : XsRequest(Owner, DomId);
