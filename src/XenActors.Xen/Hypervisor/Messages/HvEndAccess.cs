namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>gnttab_end_foreign_access (fails while mapped). Answered with <c>XenResult</c>.</summary>
public sealed record HvEndAccess(int Granter, uint Reference) : IHypervisorRequest;
