namespace XenActors.Xen.Host;

/// <summary>Which actor is this HVM domain's ioemu (Nobody if none).</summary>
public sealed record DeviceModelOf(int Domid);
