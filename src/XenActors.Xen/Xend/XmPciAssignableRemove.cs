namespace XenActors.Xen.Xend;

/// <summary>xm pci-assignable-remove: a pool function returns to the host. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciAssignableRemove(string Bdf);
