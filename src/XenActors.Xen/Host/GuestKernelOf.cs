namespace XenActors.Xen.Host;

/// <summary>Which actor runs this domain's kernel: answered with a <see cref="DomainActor"/> (Nobody if none).</summary>
public sealed record GuestKernelOf(int Domid);
