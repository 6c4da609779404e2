using XenActors.Xen.Hvm;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// <see cref="XenActors.Xen.Xend.XmResult"/> as it crosses the wire, with an HVM pci-attach/-detach's hot-plug trail
/// (plain hops: who told whom what), so an xm client in another process sees the whole chain; absent (null) otherwise.
/// </summary>
internal sealed record XmResultWire(bool Success, string Message, IReadOnlyList<string> Lines, int Domid, HotplugTrail? Trail = null);
