namespace XenActors.Xen.Hypervisor;

/// <summary>A read-only view of a grant entry.</summary>
public sealed record GrantInfo(int Granter, uint Reference, int Grantee, long Frame, bool ReadOnly, int MapCount, bool Revoked);
