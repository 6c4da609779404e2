using System.Buffers.Binary;
using XenActors.Xen.Hvm;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// A virtual PCIe root port with a hot-plug slot, one per pass-through slot (the seed's "Root Port"
/// that ioemu lacked): type 1 header at 00:SS.0, secondary bus SS, a PCIe capability of port type 4 with
/// slot capabilities, control and status. The device behind it sits at SS:00.F. Presence detect and
/// the attention button drive the guest's pciehp; its Slot Control writes power the slot.
/// </summary>
internal sealed class VirtualRootPort
{
    public const int PcieCapability = 0x40;
    private const ushort VendorIntel = 0x8086;
    private const ushort DeviceIoh3420 = 0x3420; // the root port QEMU emulates (ioh3420)
    private readonly byte[] config = new byte[PciLimits.ExtendedConfigSize];

    public VirtualRootPort(int slot)
    {
        Slot = slot;
        Address = new PciAddress(0, 0, slot, 0);
        Put16(PciConfigRegisters.VendorId, VendorIntel);
        Put16(PciConfigRegisters.DeviceId, DeviceIoh3420);
        Put16(PciConfigRegisters.Status, PciConfigRegisters.StatusCapList);
        config[PciConfigRegisters.ClassDevice] = 0x04; // PCI-to-PCI bridge
        config[PciConfigRegisters.ClassDevice + 1] = 0x06;
        config[PciConfigRegisters.HeaderType] = 0x01;
        config[0x18] = 0; // primary bus
        config[0x19] = (byte)slot; // secondary bus
        config[0x1a] = (byte)slot; // subordinate bus
        config[PciConfigRegisters.CapabilityList] = PcieCapability;
        config[PcieCapability] = PciCapabilityIds.PciExpress;
        Put16(PcieCapability + PcieSlotRegisters.Flags, (ushort)(2 | (PcieSlotRegisters.TypeRootPort << 4) | PcieSlotRegisters.FlagsSlotImplemented));
        Put32(PcieCapability + PcieSlotRegisters.SlotCapabilities,
            PcieSlotRegisters.SlotCapAttentionButton | PcieSlotRegisters.SlotCapPowerController | PcieSlotRegisters.SlotCapAttentionIndicator
            | PcieSlotRegisters.SlotCapPowerIndicator | PcieSlotRegisters.SlotCapHotPlugCapable | ((uint)slot << PcieSlotRegisters.SlotCapPhysicalSlotShift));
        Put16(PcieCapability + PcieSlotRegisters.SlotControl, PcieSlotRegisters.SlotCtlPowerOff | PcieSlotRegisters.SlotCtlPowerIndicatorOff);
    }

    public int Slot { get; }

    public PciAddress Address { get; }

    public ushort SlotControl => Get16(PcieCapability + PcieSlotRegisters.SlotControl);

    public ushort SlotStatus => Get16(PcieCapability + PcieSlotRegisters.SlotStatus);

    public bool PoweredOn => (SlotControl & PcieSlotRegisters.SlotCtlPowerOff) == 0;

    /// <summary>Powered with the power indicator on: pciehp's sign that the slot's functions are configured.</summary>
    public bool Lit => PoweredOn && (SlotControl & PcieSlotRegisters.SlotCtlPowerIndicatorMask) == PcieSlotRegisters.SlotCtlPowerIndicatorOn;

    /// <summary>A card arrived: presence detect state set, presence detect changed latched.</summary>
    public void CardInserted() =>
        SetStatus((ushort)(SlotStatus | PcieSlotRegisters.SlotStaPresenceDetectState | PcieSlotRegisters.SlotStaPresenceDetectChanged));

    /// <summary>The operator asked for removal (xm pci-detach): the attention button.</summary>
    public void AttentionButton() => SetStatus((ushort)(SlotStatus | PcieSlotRegisters.SlotStaAttentionButtonPressed));

    /// <summary>The card is gone after power-off.</summary>
    public void CardRemoved() =>
        SetStatus((ushort)((SlotStatus & ~PcieSlotRegisters.SlotStaPresenceDetectState) | PcieSlotRegisters.SlotStaPresenceDetectChanged));

    public uint Read(int offset, int size)
    {
        uint value = 0;
        for (var i = 0; i < size; i++) value |= (uint)config[offset + i] << (8 * i);
        return value;
    }

    /// <summary>A guest write: only Command, Slot Control and Slot Status (RW1C) are writable. Returns the slot lighting up or powering off, if it did.</summary>
    public MachineSignalKind? Write(int offset, int size, uint value)
    {
        var wasOn = PoweredOn;
        var wasLit = Lit;
        for (var i = 0; i < size; i++)
        {
            var address = offset + i;
            var b = (byte)(value >> (8 * i));
            var status = PcieCapability + PcieSlotRegisters.SlotStatus;
            if (address is PciConfigRegisters.Command or PciConfigRegisters.Command + 1) config[address] = b;
            else if (address is PcieCapability + PcieSlotRegisters.SlotControl or PcieCapability + PcieSlotRegisters.SlotControl + 1) config[address] = b;
            else if (address == status || address == status + 1)
            {
                var rw1c = (byte)(PcieSlotRegisters.SlotStaRw1cMask >> (8 * (address - status)));
                config[address] &= (byte)~(b & rw1c);
            }
        }

        if (!wasLit && Lit) return MachineSignalKind.SlotPoweredOn;
        if (wasOn && !PoweredOn) return MachineSignalKind.SlotPoweredOff;
        return null;
    }

    /// <summary>The port as lspci would dump it.</summary>
    public byte[] View() => (byte[])config.Clone();

    private void SetStatus(ushort value) => Put16(PcieCapability + PcieSlotRegisters.SlotStatus, value);

    private ushort Get16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(config.AsSpan(offset));

    private void Put16(int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(config.AsSpan(offset), value);

    private void Put32(int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(offset), value);
}
