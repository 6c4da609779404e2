using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_GET_PERMS: the ACL entries ("n0", "r3") in <see cref="XsResult.Children"/>.</summary>
public sealed record XsGetPerms(IActorRef Owner, uint DomId, string Path, uint TxId = 0) : XsRequest(Owner, DomId);
