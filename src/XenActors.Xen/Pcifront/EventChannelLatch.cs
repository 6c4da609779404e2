using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Pcifront;

/// <summary>
/// pcifront's event-channel handler when the hypervisor is in another process: an upcall on the pci-op port rings the
/// doorbell with the page it carries (stored first if pciback sent it straight here); the hypervisor's shortcut offers
/// for the port go to the client pcifront sends with.
/// </summary>
internal sealed class EventChannelLatch : ReceiveActor
{
    public EventChannelLatch(PciOpDoorbell doorbell, HypervisorClient hv)
    {
        var log = Context.GetLogger();
        Receive<HvUpcall>(u =>
        {
            if (hv.Accept(u))
                doorbell.Ring(u.Page);
            else
                log.Warning($"dropped an upcall on port {u.Port} that would write frame {u.WriteBackGfn} of domain {u.Domid}: not the pci-op page bound to it");
        });
        Receive<HvShortcut>(offer =>
        {
            if (!hv.Take(offer))
                log.Warning($"refused a malformed event-channel shortcut, sending through the hypervisor: {offer}");
        });
    }
}
