using XenActors.Actor;

namespace XenActors.Xen.XenStore;

/// <summary>XS_DIRECTORY: the children's names in <see cref="XsResult.Children"/>.</summary>
public sealed record XsDirectory(IActorRef Owner, uint DomId, string Path, uint TxId = 0) : XsRequest(Owner, DomId);
