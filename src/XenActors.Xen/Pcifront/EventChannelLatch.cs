using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Pcifront;

/// <summary>pcifront's event-channel handler: an upcall on the pci-op port rings the doorbell with the page it carries.</summary>
internal sealed class EventChannelLatch : ReceiveActor
{
    public EventChannelLatch(PciOpDoorbell doorbell) => Receive<HvUpcall>(u => doorbell.Ring(u.Page));
}
