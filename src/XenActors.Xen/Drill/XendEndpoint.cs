using XenActors.Actor;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Drill;

/// <summary>
/// What the drill needs to reach on one host: its xend (every hot-plug goes there as xm commands), its
/// hypervisor actor (is the driver domain alive), and its PCI inventory (what a free function is).
/// </summary>
public sealed record XendEndpoint(string Host, IActorRef Xend, IActorRef Hypervisor, PciInventory Inventory, int DriverDomid);
