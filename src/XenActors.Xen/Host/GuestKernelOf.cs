namespace XenActors.Xen.Host;

/// <summary>Which actor runs this domain's kernel (Nobody if none).</summary>
public sealed record GuestKernelOf(int Domid);
