namespace XenActors.Xen.Xend;

/// <summary>xm pci-attach: returns when the guest sees the device, or says which step failed or stuck. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciAttach(int Domid, string Spec);
