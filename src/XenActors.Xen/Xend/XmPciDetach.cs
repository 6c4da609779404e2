namespace XenActors.Xen.Xend;

/// <summary>xm pci-detach: returns when the function is back in the pool. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciDetach(int Domid, string Spec);
