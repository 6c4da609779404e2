namespace XenActors.Xen.Drill;

/// <summary>The failures a drill can inject (issue #7 point 4); each ends in a rollback or a finish on the destination, never in a guest without devices.</summary>
public enum DrillFault
{
    None,

    /// <summary>The destination's matching functions are out of its assignable pool: refused before anything changes.</summary>
    NoMatchingDevice,

    /// <summary>The guest's bond driver never acknowledges the NIC's unplug: hot-remove times out, what was removed goes back.</summary>
    UnplugTimeout,

    /// <summary>The destination's relocation server dies after the first pre-copy round: the connection resets, the half-built domain goes.</summary>
    KillDestination,

    /// <summary>The source's driver domain (pciback) dies after the first pre-copy round: the migration still completes, devices are added on the destination.</summary>
    KillSourceDriver,

    /// <summary>The hosts cannot reach each other after the first pre-copy round: the sender gives up, the guest stays.</summary>
    Partition,

    /// <summary>The link drops below the guest's dirtying rate as pre-copy starts: pre-copy cannot converge and is abandoned.</summary>
    Throttle,
}
