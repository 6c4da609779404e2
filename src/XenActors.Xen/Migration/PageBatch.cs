namespace XenActors.Xen.Migration;

/// <summary>
/// A batch of pages of one round: pfn list plus contents, as in the save format. A null content is a page
/// the guest never wrote (zeros), sent as a pfn entry only.
/// </summary>
public sealed record PageBatch(int Round, IReadOnlyList<long> Frames, IReadOnlyList<byte[]?> Contents) : MigrationRecord
{
    public override long WireBytes =>
        ((long)Frames.Count * MigrationDefaults.PfnEntryBytes) + Contents.Sum(c => (long)(c?.Length ?? 0));
}
