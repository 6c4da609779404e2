namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// A register group (QEMU XenPTRegGroupInfo): the type 0 header (id 0xFF) or one capability.
/// <see cref="FixedSize"/> is 0 when the size is read from the device (MSI, vendor, PCIe).
/// </summary>
public sealed record RegisterGroupInfo(byte CapabilityId, string Name, RegisterGroupType Type, int FixedSize, IReadOnlyList<RegisterInfo> Registers);
