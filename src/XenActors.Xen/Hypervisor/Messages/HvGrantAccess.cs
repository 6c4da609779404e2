namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>gnttab_grant_foreign_access: the grant reference. Answered with <c>XenResult&lt;uint&gt;</c>.</summary>
public sealed record HvGrantAccess(int Granter, int Grantee, long Frame, bool ReadOnly) : IHypervisorRequest;
