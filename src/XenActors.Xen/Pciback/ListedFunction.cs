using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Pciback;

/// <summary>
/// Index N of a backend as read in one go: what the toolstack listed (state-N, dev-N, vdevfn-N, opts-N, key-N) and the
/// vdev-N pciback published for it; a missing node reads null.
/// </summary>
internal sealed record ListedFunction(int Index, XenbusState State, string? Dev, string? VDevFn, string? Opts, string? Key, string? VDev);
