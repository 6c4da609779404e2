using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// XSM's device-model privilege: dom0 may issue device-model hypercalls for any guest, a stub domain
/// only for the guest it was made the device model of (xc_domain_set_target). Not thread-safe: the
/// owner (the HypervisorActor, or DirectHypervisorPlatform under its lock) serializes access.
/// </summary>
public sealed class DeviceModelPrivilege
{
    private readonly Dictionary<int, int> deviceModels = [];

    /// <summary>Lets <paramref name="stubDomain"/> act for <paramref name="guest"/>.</summary>
    public void Register(int guest, int stubDomain) => deviceModels[guest] = stubDomain;

    /// <summary>A destroyed domain neither has nor is a device model any more.</summary>
    public void Forget(int domid)
    {
        deviceModels.Remove(domid);
        foreach (var guest in deviceModels.Where(d => d.Value == domid).Select(d => d.Key).ToList())
            deviceModels.Remove(guest);
    }

    /// <summary>Null when <paramref name="caller"/> may act for <paramref name="guest"/>, else the EPERM to answer.</summary>
    public XenError? Authorize(int caller, int guest) =>
        caller == DomainIds.Dom0 || (deviceModels.TryGetValue(guest, out var dm) && dm == caller)
            ? null
            : new XenError(Errno.EPERM, $"domain {caller} is not the device model of domain {guest}");
}
