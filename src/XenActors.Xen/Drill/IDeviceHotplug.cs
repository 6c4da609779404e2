namespace XenActors.Xen.Drill;

/// <summary>
/// The drill's seam to the PCI hot-plug path (xend → pciback → xenbus → pcifront → guest driver). The real
/// implementation sends xm pci-detach / pci-attach to xend; <see cref="SimulatedDeviceHotplug"/> stands in for
/// it in process. Completions run later, never inside the call, like <see cref="Migration.IMigrationTransport"/>.
/// </summary>
public interface IDeviceHotplug
{
    /// <summary>Hot-removes every pass-through device of <paramref name="domid"/> on <paramref name="host"/>; completes once they are gone from the guest.</summary>
    void HotRemoveAll(string host, int domid, Action<HotplugResult> completed);

    /// <summary>Hot-adds to <paramref name="domid"/> on <paramref name="host"/> one free device of the same kind for each of <paramref name="like"/>.</summary>
    void HotAddMatching(string host, int domid, IReadOnlyList<PassThroughDevice> like, Action<HotplugResult> completed);
}
