using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_UNWATCH: ENOENT if that path and token were not watched.</summary>
public sealed record XsUnwatch(IActorRef Owner, uint DomId, string Path, string Token) : XsRequest(Owner, DomId);
