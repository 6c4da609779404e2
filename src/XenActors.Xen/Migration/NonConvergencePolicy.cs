namespace XenActors.Xen.Migration;

/// <summary>What to do when pre-copy reaches its round limit without the dirty set getting small enough.</summary>
public enum NonConvergencePolicy
{
    /// <summary>Pause anyway and copy what is left (xc_domain_save's behaviour): the guest pays a long downtime.</summary>
    StopAndCopy,

    /// <summary>Give up and leave the guest running on the source: downtime is worse than not moving.</summary>
    Abort,
}
