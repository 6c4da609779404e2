namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// The configuration-space register table of QEMU's Xen pass-through (hw/xen/xen_pt_config_init.c,
/// masks as of the post-XSA-131 copy with res/rw1c masks). The same table is the filter pciback
/// applies to PV guests. Group order matters only for lookups; offsets are relative to the group.
/// </summary>
public static class XenPtRegisterTable
{
    public const byte HeaderGroupId = 0xff;

    private static readonly RegisterInfo NextPointer = new("Next Pointer", 0x01, 1, EmuMask: 0xff, RoMask: 0xff, Kind: RegisterKind.CapabilityPointer);

    public static IReadOnlyList<RegisterGroupInfo> Groups { get; } =
    [
        new(HeaderGroupId, "Type 0 header", RegisterGroupType.Emulated, 0x40, Header()),
        new(PciCapabilityIds.PowerManagement, "Power Management", RegisterGroupType.Emulated, 0x08,
        [
            NextPointer,
            new("PMC", 0x02, 2, EmuMask: 0xf9c8, RoMask: 0xffff),
            new("PMCSR", 0x04, 2, EmuMask: 0x810b, RoMask: 0x610c, ResMask: 0x00f0, Rw1cMask: 0x8000, InitValue: 0x0008, Kind: RegisterKind.PowerControl),
        ]),
        new(PciCapabilityIds.Agp, "AGP", RegisterGroupType.Hardwired, 0x30, []),
        new(PciCapabilityIds.Vpd, "VPD", RegisterGroupType.Emulated, 0x08, [NextPointer]),
        new(PciCapabilityIds.SlotId, "Slot ID", RegisterGroupType.Hardwired, 0x04, []),
        new(PciCapabilityIds.Msi, "MSI", RegisterGroupType.Emulated, 0,
        [
            NextPointer,
            new("Message Control", 0x02, 2, EmuMask: 0x017e, RoMask: 0x018e, ResMask: 0xfe00),
            new("Message Address", 0x04, 4, EmuMask: 0xffffffff, RoMask: 0x00000003),
            new("Message Upper Address", 0x08, 4, EmuMask: 0xffffffff, Condition: RegisterCondition.Msi64Bit),
            new("Message Data (32-bit)", 0x08, 2, EmuMask: 0xffff, Condition: RegisterCondition.Msi32Bit),
            new("Message Data (64-bit)", 0x0c, 2, EmuMask: 0xffff, Condition: RegisterCondition.Msi64Bit),
            new("Mask Bits (32-bit)", 0x0c, 4, EmuMask: 0xffffffff, RoMask: 0xffffffff, Condition: RegisterCondition.MsiMask32Bit),
            new("Mask Bits (64-bit)", 0x10, 4, EmuMask: 0xffffffff, RoMask: 0xffffffff, Condition: RegisterCondition.MsiMask64Bit),
            new("Pending Bits (32-bit)", 0x10, 4, EmuMask: 0, RoMask: 0xffffffff, Condition: RegisterCondition.MsiMask32Bit),
            new("Pending Bits (64-bit)", 0x14, 4, EmuMask: 0, RoMask: 0xffffffff, Condition: RegisterCondition.MsiMask64Bit),
        ]),
        new(PciCapabilityIds.PciX, "PCI-X", RegisterGroupType.Hardwired, 0x18, []),
        new(PciCapabilityIds.VendorSpecific, "Vendor Specific", RegisterGroupType.Emulated, 0, [NextPointer]),
        new(PciCapabilityIds.Shpc, "SHPC", RegisterGroupType.Hardwired, 0x08, []),
        new(PciCapabilityIds.Ssvid, "Subsystem ID", RegisterGroupType.Hardwired, 0x08, []),
        new(PciCapabilityIds.Agp3, "AGP 8x", RegisterGroupType.Hardwired, 0x30, []),
        new(PciCapabilityIds.PciExpress, "PCI Express", RegisterGroupType.Emulated, 0,
        [
            NextPointer,
            new("Device Capabilities", 0x04, 4, EmuMask: 0x10000000, RoMask: 0xffffffff), // FLR hidden: the toolstack resets, not the guest
            new("Device Control", 0x08, 2, EmuMask: 0xffff, RoMask: 0x8400, InitValue: 0x2810),
            new("Link Control", 0x10, 2, EmuMask: 0xffff, RoMask: 0xfc34, Condition: RegisterCondition.PcieHasLink),
            new("Device Control 2", 0x28, 2, EmuMask: 0xffff, RoMask: 0xffe0, Condition: RegisterCondition.PcieVersion2),
            new("Link Control 2", 0x30, 2, EmuMask: 0xffff, RoMask: 0xe040, Condition: RegisterCondition.PcieVersion2),
        ]),
        new(PciCapabilityIds.MsiX, "MSI-X", RegisterGroupType.Emulated, 0x0c,
        [
            NextPointer,
            new("Message Control", 0x02, 2, EmuMask: 0x0000, RoMask: 0x07ff, ResMask: 0x3800),
        ]),
    ];

    public static RegisterGroupInfo? Find(byte capabilityId) => Groups.FirstOrDefault(g => g.CapabilityId == capabilityId);

    private static RegisterInfo[] Header()
    {
        var regs = new List<RegisterInfo>
        {
            new("Vendor ID", 0x00, 2, EmuMask: 0xffff, RoMask: 0xffff, InitFromHost: true),
            new("Device ID", 0x02, 2, EmuMask: 0xffff, RoMask: 0xffff, InitFromHost: true),
            new("Command", 0x04, 2, EmuMask: 0x0743, ResMask: 0xf880, Kind: RegisterKind.Command),
            new("Status", 0x06, 2, EmuMask: 0x0010, RoMask: 0x06f8, ResMask: 0x0007, Rw1cMask: 0xf900, Kind: RegisterKind.Status),
            new("Cache Line Size", 0x0c, 1, EmuMask: 0xff),
            new("Latency Timer", 0x0d, 1, EmuMask: 0xff),
            new("Header Type", 0x0e, 1, EmuMask: 0x00, RoMask: 0xff, InitValue: 0x80),
            new("Capabilities Pointer", 0x34, 1, EmuMask: 0xff, RoMask: 0xff, Kind: RegisterKind.CapabilityPointer),
            new("Interrupt Line", 0x3c, 1, EmuMask: 0xff),
            new("Interrupt Pin", 0x3d, 1, EmuMask: 0xff, RoMask: 0xff, InitFromHost: true),
        };
        for (var i = 0; i < PciConfigRegisters.BarCount; i++)
        {
            regs.Add(new RegisterInfo($"BAR{i}", PciConfigRegisters.BaseAddress0 + 4 * i, 4, EmuMask: 0, Kind: RegisterKind.Bar));
        }

        return [.. regs];
    }
}
