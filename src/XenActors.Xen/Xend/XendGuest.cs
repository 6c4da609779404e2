using XenActors.Actor;

namespace XenActors.Xen.Xend;

/// <summary>What xend keeps per guest it created: the pciif controller and, for an HVM guest with a stub device model, that domain.</summary>
internal sealed record XendGuest(IActorRef Controller, int? StubDomid);
