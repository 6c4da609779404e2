using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>
/// A request to the host's XenStore actor on behalf of <paramref name="Owner"/> acting as domain
/// <paramref name="DomId"/>. Owner and domid together name one store connection (a domain's ring):
/// its watches fire to Owner and its transactions live until Owner stops. Dom0 is privileged.
/// The reply is an <see cref="XsResult"/>.
/// </summary>
public abstract record XsRequest(IActorRef Owner, uint DomId);
