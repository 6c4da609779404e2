namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>GNTTABOP_map_grant_ref: the mapping handle. Answered with <c>XenResult&lt;int&gt;</c>.</summary>
public sealed record HvMapGrant(int Mapper, int Granter, uint Reference, bool ReadOnly) : IHypervisorRequest;
