namespace XenActors.Xen.Migration;

/// <summary>
/// The end of the last iteration: the source is paused and everything is sent, so the destination resumes the
/// guest and answers with its memory checksum. It carries no checksum of the source's: hashing the source's
/// memory here would be downtime; the source hashes its frozen copy after the switch-over and compares then.
/// </summary>
public sealed record MigrationCommit : MigrationRecord
{
    public override long WireBytes => 128;
}
