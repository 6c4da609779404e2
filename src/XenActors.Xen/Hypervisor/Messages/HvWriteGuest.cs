namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>A domain writes its own frame. Answered with <c>XenResult</c>.</summary>
public sealed record HvWriteGuest(int Domid, long Gfn, int Offset, byte[] Data) : IHypervisorRequest;
