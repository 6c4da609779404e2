namespace XenActors.Xen.Xend;

/// <summary>xm pci-assignable-add: a host function joins the pool (quarantined in DOMID_IO). Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciAssignableAdd(string Bdf);
