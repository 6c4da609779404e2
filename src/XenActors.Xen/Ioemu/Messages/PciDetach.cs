using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>xend → ioemu: hot-unplug the device in a virtual slot (qemu's pci-rem / device_del).</summary>
public sealed record PciDetach(int VirtualSlot, HotplugTrail Trail);
