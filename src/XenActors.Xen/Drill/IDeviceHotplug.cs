namespace XenActors.Xen.Drill;

/// <summary>
/// The drill's seam to the PCI hot-plug path (xend → pciback → xenbus → pcifront → guest driver).
/// <see cref="XendDeviceHotplug"/> sends xm pci-detach / pci-attach to each host's xend;
/// <see cref="SimulatedDeviceHotplug"/> walks the states on virtual time. Completions run later, never inside
/// the call, like <see cref="Migration.IMigrationTransport"/>.
/// </summary>
public interface IDeviceHotplug
{
    /// <summary>
    /// Before anything changes: the guest's pass-through devices on <paramref name="host"/>, or an error when
    /// <paramref name="destination"/> cannot take them (no matching free device, no running backend).
    /// </summary>
    void CheckMatching(string host, int domid, string destination, Action<HotplugResult> completed);

    /// <summary>Hot-removes every pass-through device of <paramref name="domid"/> on <paramref name="host"/>; completes once they are gone from the guest.</summary>
    void HotRemoveAll(string host, int domid, Action<HotplugResult> completed);

    /// <summary>
    /// Hot-adds to <paramref name="domid"/> on <paramref name="host"/> one free device of the same kind for each of
    /// <paramref name="like"/>, at the same virtual slots; the very same functions when they are free (a rollback).
    /// </summary>
    void HotAddMatching(string host, int domid, IReadOnlyList<PassThroughDevice> like, Action<HotplugResult> completed);
}
