using XenActors.Xen.Hvm;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// <see cref="XenActors.Xen.Xend.XmResult"/> as it crosses the wire. <see cref="Trail"/> (an HVM pci-attach/-detach's
/// hops, xm → xend → ioemu → … → xm) is optional and last, so a payload from a host that predates it still decodes
/// (no trail) and an older client ignores the extra member.
/// </summary>
internal sealed record XmResultWire(bool Success, string Message, IReadOnlyList<string> Lines, int Domid, IReadOnlyList<HotplugHop>? Trail = null);
