namespace XenActors.Xen.Xend;

/// <summary>
/// xend takes over a domain another component built in the hypervisor: the relocation receiver's restored
/// guest (xc_domain_restore) or a guest a drill booted with its memory. xend writes its XenStore home,
/// introduces it to xenstored, gives it a pciif controller and starts its kernel, so frontends can connect.
/// Answered with an <see cref="XmResult"/> carrying the domid.
/// </summary>
public sealed record XmIntroduceDomain(int Domid);
