namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>A domain reads its own frame. Answered with <c>XenResult&lt;byte[]&gt;</c>.</summary>
public sealed record HvReadGuest(int Domid, long Gfn, int Offset, int Length) : IHypervisorRequest;
