using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Host;

/// <summary>What dom0 does to bring up a driver domain for pciback, shared by the in-process host and dom0's node.</summary>
public static class DriverDomain
{
    /// <summary>The domain id a host's driver domain gets: created before any guest, so guests are numbered after it.</summary>
    public const int DefaultDomid = 1;

    /// <summary>
    /// Told in order, so every later request to the same actors sees the domain: created privileged (pciback maps
    /// guests' pages), its xenstore home written, and introduced so its death fires @releaseDomain.
    /// </summary>
    public static void Build(IActorRef hypervisor, IActorRef xenStore, int domid)
    {
        ArgumentNullException.ThrowIfNull(hypervisor);
        ArgumentNullException.ThrowIfNull(xenStore);
        var id = domid.ToString(CultureInfo.InvariantCulture);
        var home = "/local/domain/" + id;
        var hv = new Hypervisor.HypervisorClient(hypervisor);
        hv.Tell(new HvCreateDomain(new Hypervisor.DomainConfig("driver-domain") { Domid = domid, Privileged = true, MemoryMiB = 64 }));
        hv.Tell(new HvUnpause(domid));
        xenStore.Tell(new XsWrite(ActorRefs.Nobody, 0, home + "/name", "driver-domain"), ActorRefs.NoSender);
        xenStore.Tell(new XsWrite(ActorRefs.Nobody, 0, home + "/domid", id), ActorRefs.NoSender);
        xenStore.Tell(new XsSetPerms(ActorRefs.Nobody, 0, home, ["n" + id, "r0"]), ActorRefs.NoSender);
        xenStore.Tell(new XsIntroduce(ActorRefs.Nobody, 0, (uint)domid), ActorRefs.NoSender);
    }
}
