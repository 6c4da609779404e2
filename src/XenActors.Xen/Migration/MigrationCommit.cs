namespace XenActors.Xen.Migration;

/// <summary>
/// The end of the last iteration: the source is paused and everything is sent. Carries the source's memory
/// checksum; the destination resumes the guest only if its copy hashes the same.
/// </summary>
public sealed record MigrationCommit(string SourceChecksum) : MigrationRecord
{
    public override long WireBytes => 128;
}
