namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// Instantiates the register table for one device (QEMU xen_pt_config_init): finds each group's
/// capability on the host chain, sizes it, and seeds every register's emulated data.
/// </summary>
internal static class VirtualRegisterLayout
{
    private const int MaxCapabilities = 48;

    public static List<VirtualRegisterGroup> Build(PciFunction host)
    {
        var groups = new List<VirtualRegisterGroup>();
        foreach (var info in XenPtRegisterTable.Groups)
        {
            var baseOffset = 0;
            if (info.CapabilityId != XenPtRegisterTable.HeaderGroupId)
            {
                baseOffset = FindCapability(host, info.CapabilityId);
                if (baseOffset == 0) continue;
            }

            var group = new VirtualRegisterGroup(info, baseOffset, GroupSize(host, info, baseOffset));
            groups.Add(group);
            if (info.Type == RegisterGroupType.Emulated) AddRegisters(host, group);
        }

        Relink(host, groups);

        // Status reads the Capabilities List bit from the relinked pointer, so seed it last.
        var header = groups[0];
        var capPtr = header.Find(PciConfigRegisters.CapabilityList)!;
        var status = header.Find(PciConfigRegisters.Status)!;
        status.Data = capPtr.Data != 0 ? PciConfigRegisters.StatusCapList : 0u;
        return groups;
    }

    /// <summary>First capability with this ID on the host chain (0 if none), as QEMU's find_cap_offset.</summary>
    private static int FindCapability(PciFunction host, byte id)
    {
        if ((host.Read(PciConfigRegisters.Status, 2) & PciConfigRegisters.StatusCapList) == 0) return 0;
        var pos = (int)host.Read(PciConfigRegisters.CapabilityList, 1);
        for (var n = 0; n < MaxCapabilities && pos >= PciConfigRegisters.HeaderSize; n++)
        {
            pos &= ~3;
            var capId = host.Read(pos, 1);
            if (capId == 0xff) break;
            if (capId == id) return pos;
            pos = (int)host.Read(pos + 1, 1);
        }

        return 0;
    }

    private static int GroupSize(PciFunction host, RegisterGroupInfo info, int baseOffset)
    {
        if (info.FixedSize != 0) return info.FixedSize;
        switch (info.CapabilityId)
        {
            case PciCapabilityIds.Msi:
                var ctrl = host.Read(baseOffset + 2, 2);
                return 0x0a + ((ctrl & 0x80) != 0 ? 4 : 0) + ((ctrl & 0x100) != 0 ? 10 : 0);
            case PciCapabilityIds.VendorSpecific:
                return (int)host.Read(baseOffset + 2, 1);
            case PciCapabilityIds.PciExpress:
                var (version, type) = PcieFlags(host, baseOffset);
                var endpoint = type is 0 or 1; // endpoint, legacy endpoint
                if (version == 1 && endpoint) return 0x14;
                if (version == 1 && type == 9) return 0x0c; // root-complex integrated endpoint: no link
                if (version == 2 && (endpoint || type == 9)) return 0x3c;
                throw new NotSupportedException(
                    $"{host.Address}: PCIe capability version {version} device/port type 0x{type:x} cannot be passed through; only endpoints can");
            default:
                throw new InvalidOperationException($"register group {info.Name} has no size rule");
        }
    }

    private static (int Version, int Type) PcieFlags(PciFunction host, int baseOffset)
    {
        var flags = host.Read(baseOffset + 2, 1);
        return ((int)(flags & 0xf), (int)(flags >> 4));
    }

    private static void AddRegisters(PciFunction host, VirtualRegisterGroup group)
    {
        foreach (var info in group.Info.Registers)
        {
            var offset = group.Base + info.Offset;
            if (!Applies(host, group, info)) continue;
            switch (info.Kind)
            {
                case RegisterKind.Bar:
                    AddBar(host, group, info, offset);
                    break;
                case RegisterKind.CapabilityPointer:
                    group.Registers.Add(new VirtualRegister(info, offset, 0, info.EmuMask, info.RoMask)); // set by Relink
                    break;
                default:
                    var data = info.InitFromHost ? host.Read(offset, info.Size) : info.InitValue;
                    if (info.Name == "Link Control 2") data = host.Read(group.Base + 0x0c, 1) & 0xf; // supported link speeds from LNKCAP
                    group.Registers.Add(new VirtualRegister(info, offset, data, info.EmuMask, info.RoMask));
                    break;
            }
        }
    }

    private static bool Applies(PciFunction host, VirtualRegisterGroup group, RegisterInfo info)
    {
        switch (info.Condition)
        {
            case RegisterCondition.Always:
            case RegisterCondition.HostValueInit:
                return true;
            case RegisterCondition.Msi32Bit:
            case RegisterCondition.Msi64Bit:
            case RegisterCondition.MsiMask32Bit:
            case RegisterCondition.MsiMask64Bit:
                var ctrl = host.Read(group.Base + 2, 2);
                var is64 = (ctrl & 0x80) != 0;
                var mask = (ctrl & 0x100) != 0;
                return info.Condition switch
                {
                    RegisterCondition.Msi32Bit => !is64,
                    RegisterCondition.Msi64Bit => is64,
                    RegisterCondition.MsiMask32Bit => mask && !is64,
                    _ => mask && is64,
                };
            case RegisterCondition.PcieHasLink:
                var (version, type) = PcieFlags(host, group.Base);
                return !(version == 1 && type == 9);
            case RegisterCondition.PcieVersion2:
                return PcieFlags(host, group.Base).Version >= 2;
            default:
                return true;
        }
    }

    /// <summary>
    /// Points 0x34 and every emulated capability's next pointer at the next capability on the host chain that has
    /// an emulated group of its own, so the guest's chain holds exactly those, each once, dword aligned. Hardwired
    /// and unknown capabilities are skipped (QEMU's xen_pt_ptr_reg_init); so is a second capability with an ID
    /// already taken (only the first gets a group, its raw next pointer would lead the guest onto the host chain);
    /// a host chain that loops or leaves 0x40-0xff ends where it does.
    /// </summary>
    private static void Relink(PciFunction host, List<VirtualRegisterGroup> groups)
    {
        var chain = new List<VirtualRegisterGroup>();
        foreach (var pos in HostChain(host))
        {
            if (groups.Find(g => g.Base == pos && g.Info.Type == RegisterGroupType.Emulated && g.Info.CapabilityId != XenPtRegisterTable.HeaderGroupId) is { } g
                && !chain.Contains(g))
            {
                chain.Add(g);
            }
        }

        groups[0].Find(PciConfigRegisters.CapabilityList)!.Data = chain.Count > 0 ? (uint)chain[0].Base : 0;
        for (var k = 0; k < chain.Count; k++)
        {
            chain[k].Find(chain[k].Base + 1)!.Data = k + 1 < chain.Count ? (uint)chain[k + 1].Base : 0;
        }
    }

    /// <summary>The host's capability offsets in chain order, as Linux walks it: aligned, in range, each once.</summary>
    private static List<int> HostChain(PciFunction host)
    {
        var chain = new List<int>();
        if ((host.Read(PciConfigRegisters.Status, 2) & PciConfigRegisters.StatusCapList) == 0) return chain;
        var pos = (int)host.Read(PciConfigRegisters.CapabilityList, 1) & ~3;
        for (var n = 0; n < MaxCapabilities && pos >= PciConfigRegisters.HeaderSize && !chain.Contains(pos); n++)
        {
            if (host.Read(pos, 1) == 0xff) break;
            chain.Add(pos);
            pos = (int)host.Read(pos + 1, 1) & ~3;
        }

        return chain;
    }

    private static void AddBar(PciFunction host, VirtualRegisterGroup group, RegisterInfo info, int offset)
    {
        var index = (offset - PciConfigRegisters.BaseAddress0) / 4;
        var defs = host.BarDefinitions;
        if (index > 0 && defs[index - 1] is { Kind: PciBarKind.Memory64 } lower)
        {
            var size = EmulatedSize(lower);
            group.Registers.Add(new VirtualRegister(info, offset, 0, uint.MaxValue, (uint)((size - 1) >> 32)) { BarIndex = index });
            return;
        }

        if (defs[index] is not { Size: > 0 } def) return; // unused: reads pass through, writes are dropped
        var emulated = EmulatedSize(def);
        if (def.Kind == PciBarKind.Io)
        {
            group.Registers.Add(new VirtualRegister(info, offset, 0, 0xfffffffc, 0x3u | (uint)(emulated - 1)) { BarIndex = index });
        }
        else
        {
            var ro = emulated > uint.MaxValue ? uint.MaxValue : 0xfu | (uint)(emulated - 1);
            group.Registers.Add(new VirtualRegister(info, offset, 0, 0xfffffff0, ro) { BarIndex = index });
        }
    }

    /// <summary>MMIO is mapped to the guest in pages, so its size rounds up to 4 KiB; I/O keeps its size.</summary>
    internal static ulong EmulatedSize(PciBarDefinition def) =>
        def.Kind == PciBarKind.Io ? def.Size : Math.Max(def.Size, (ulong)PciLimits.PageSize);
}
