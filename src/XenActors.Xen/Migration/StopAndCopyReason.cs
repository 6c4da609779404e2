namespace XenActors.Xen.Migration;

/// <summary>Why pre-copy went to its last iteration.</summary>
public enum StopAndCopyReason
{
    None,

    /// <summary>A live round left fewer dirty pages than the threshold (xc_domain_save's "&lt; 50").</summary>
    DirtySetBelowThreshold,

    /// <summary>The dirty set could be sent within the downtime target at the measured throughput.</summary>
    DowntimeTargetMet,

    /// <summary>The round limit was reached without converging.</summary>
    RoundLimit,
}
