namespace XenActors.Xen.Xend;

/// <summary>xm pci-list: "Vdev Device" then one line per function. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmPciList(int Domid);
