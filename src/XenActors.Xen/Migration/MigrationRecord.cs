namespace XenActors.Xen.Migration;

/// <summary>One record of the relocation stream between xend on the source and on the destination.</summary>
public abstract record MigrationRecord
{
    /// <summary>How many bytes the record occupies on the wire; the link's bandwidth is spent on these.</summary>
    public abstract long WireBytes { get; }
}
