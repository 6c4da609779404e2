using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_WATCH: <see cref="XsWatchEvent"/>s for the path and everything below go to Owner; it fires once at once.</summary>
public sealed record XsWatch(IActorRef Owner, uint DomId, string Path, string Token) : XsRequest(Owner, DomId);
