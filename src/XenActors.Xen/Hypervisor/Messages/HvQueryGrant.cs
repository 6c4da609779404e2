namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>A grant entry as the granter's table holds it (EINVAL once it is no longer in use). Answered with <c>XenResult&lt;GrantInfo&gt;</c>.</summary>
public sealed record HvQueryGrant(int Granter, uint Reference) : IHypervisorRequest;
