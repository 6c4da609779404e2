namespace XenActors.Xen.Drill;

/// <summary>
/// The guest kernel behind pcifront: what a hot-plug tells the driver of a passed-through device. For a
/// bonded NIC that means releasing the bond slave before the device goes, and enslaving it when one arrives.
/// </summary>
public interface IGuestPciDriver
{
    /// <summary>The removal is announced ("the desire of device removal"): stop using the device, then call <paramref name="released"/>.</summary>
    void PrepareRemoval(PassThroughDevice device, Action released);

    /// <summary>The device is gone from the guest's virtual PCI bus.</summary>
    void Removed(PassThroughDevice device);

    /// <summary>A device appeared on the bus and was enabled.</summary>
    void Added(PassThroughDevice device);
}
