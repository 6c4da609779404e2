namespace XenActors.Xen.Host;

/// <summary>The guest kernel stops answering (a hung or crashed guest) while its domain still exists.</summary>
public sealed record StopGuestKernel(int Domid);
