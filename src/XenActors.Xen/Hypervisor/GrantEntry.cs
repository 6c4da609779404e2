namespace XenActors.Xen.Hypervisor;

/// <summary>A v1 grant entry (GTF_permit_access) in the granting domain's table, with Xen's mapping count.</summary>
internal sealed class GrantEntry(uint reference, int grantee, long frame, bool readOnly)
{
    public uint Reference { get; } = reference;

    public int Grantee { get; } = grantee;

    public long Frame { get; } = frame;

    public bool ReadOnly { get; } = readOnly;

    /// <summary>Live mappings; GTF_reading/GTF_writing stay set while this is non-zero.</summary>
    public int MapCount { get; set; }

    /// <summary>Set when the granter dies: no new mappings, existing ones stay until unmapped.</summary>
    public bool Revoked { get; set; }
}
