namespace XenActors.Xen.Xend;

/// <summary>xm destroy: the domain goes; its PCI functions return to the pool and its device entries are removed. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmDestroy(int Domid);
