namespace XenActors.Xen.Host;

/// <summary>Which actor is this HVM domain's ioemu: answered with a <see cref="DomainActor"/> (Nobody if none).</summary>
public sealed record DeviceModelOf(int Domid);
