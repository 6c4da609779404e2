namespace XenActors.Xen.Migration;

public enum MigrationOutcome
{
    /// <summary>The guest runs on the destination with identical memory; the source domain is gone.</summary>
    Completed,

    /// <summary>Refused before anything was sent (e.g. log-dirty refused while devices are assigned).</summary>
    Refused,

    /// <summary>
    /// Stopped by the transport, the destination or the non-convergence policy: the guest runs on the source. Or,
    /// with <see cref="MigrationResult.SwitchedOver"/>, the memory checksums differed after the destination resumed
    /// the guest: it runs on the destination.
    /// </summary>
    Failed,

    /// <summary>Cancelled by the caller; the guest runs on the source.</summary>
    Cancelled,
}
