using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_SET_PERMS with entries in wire form ("n0", "r3"): the first names the owner and the default.</summary>
public sealed record XsSetPerms(IActorRef Owner, uint DomId, string Path, IReadOnlyList<string> Perms, uint TxId = 0) : XsRequest(Owner, DomId);
