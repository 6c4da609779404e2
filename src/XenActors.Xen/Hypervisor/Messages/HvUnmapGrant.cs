namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>GNTTABOP_unmap_grant_ref. Answered with <c>XenResult</c>.</summary>
public sealed record HvUnmapGrant(int Mapper, int Handle) : IHypervisorRequest;
