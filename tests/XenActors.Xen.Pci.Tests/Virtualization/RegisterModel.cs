using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>
/// The specification side of the properties: which registers the public table (<see cref="XenPtRegisterTable"/>)
/// places on a device, with their effective masks (a BAR's depend on its kind and size), read only from the table,
/// the instantiated groups and the host function, never from the virtual space's internals.
/// </summary>
internal sealed record RegisterModel(string Name, int Offset, int Size, uint Emu, uint Ro, uint Res, RegisterKind Kind)
{
    public uint Width => Size == 4 ? uint.MaxValue : (1u << (8 * Size)) - 1;

    public bool Covers(int address) => address >= Offset && address < Offset + Size;

    /// <summary>The register's bits inside the access [offset, offset+size).</summary>
    public uint Valid(int offset, int size)
    {
        uint valid = 0;
        for (var b = 0; b < Size; b++)
        {
            if (Offset + b >= offset && Offset + b < offset + size) valid |= 0xffu << (8 * b);
        }

        return valid;
    }

    /// <summary>An access value lined up with this register (bit 0 = the register's bit 0).</summary>
    public uint Align(int offset, uint value)
    {
        var shift = 8 * (Offset - offset);
        return shift >= 0 ? value >> shift : value << -shift;
    }

    public static uint Get(ReadOnlySpan<byte> space, int offset, int size)
    {
        uint v = 0;
        for (var i = 0; i < size; i++) v |= (uint)space[offset + i] << (8 * i);
        return v;
    }

    public static List<RegisterModel> Of(VirtualConfigSpace space)
    {
        var host = space.Host;
        var list = new List<RegisterModel>();
        foreach (var group in space.Groups.Where(g => g.Type == RegisterGroupType.Emulated))
        {
            foreach (var r in XenPtRegisterTable.Find(group.CapabilityId)!.Registers)
            {
                var offset = group.Offset + r.Offset;
                if (!Applies(host, group.Offset, r.Condition)) continue;
                if (r.Kind != RegisterKind.Bar)
                {
                    list.Add(new(r.Name, offset, r.Size, r.EmuMask, r.RoMask, r.ResMask, r.Kind));
                    continue;
                }

                var index = (offset - PciConfigRegisters.BaseAddress0) / 4;
                if (index > 0 && host.BarDefinitions[index - 1] is { Kind: PciBarKind.Memory64 } lower)
                {
                    list.Add(new(r.Name, offset, 4, uint.MaxValue, (uint)((EmulatedSize(lower) - 1) >> 32), 0, r.Kind));
                }
                else if (host.BarDefinitions[index] is { Size: > 0 } def)
                {
                    var size = EmulatedSize(def);
                    var (emu, ro) = def.Kind == PciBarKind.Io
                        ? (0xfffffffcu, 0x3u | (uint)(size - 1))
                        : (0xfffffff0u, size > uint.MaxValue ? uint.MaxValue : 0xfu | (uint)(size - 1));
                    list.Add(new(r.Name, offset, 4, emu, ro, 0, r.Kind));
                }
            }
        }

        return list;
    }

    /// <summary>What a guest sizing a BAR must see: MMIO in whole pages, I/O as it is.</summary>
    public static ulong EmulatedSize(PciBarDefinition def) => def.Kind == PciBarKind.Io ? def.Size : Math.Max(def.Size, (ulong)PciLimits.PageSize);

    private static bool Applies(PciFunction host, int groupBase, RegisterCondition condition)
    {
        var msiControl = condition is >= RegisterCondition.Msi32Bit and <= RegisterCondition.MsiMask64Bit ? host.Read(groupBase + 2, 2) : 0;
        var is64 = (msiControl & 0x80) != 0;
        var masked = (msiControl & 0x100) != 0;
        var pcieFlags = condition is RegisterCondition.PcieHasLink or RegisterCondition.PcieVersion2 ? host.Read(groupBase + 2, 1) : 0;
        return condition switch
        {
            RegisterCondition.Msi32Bit => !is64,
            RegisterCondition.Msi64Bit => is64,
            RegisterCondition.MsiMask32Bit => masked && !is64,
            RegisterCondition.MsiMask64Bit => masked && is64,
            RegisterCondition.PcieHasLink => !((pcieFlags & 0xf) == 1 && pcieFlags >> 4 == 9),
            RegisterCondition.PcieVersion2 => (pcieFlags & 0xf) >= 2,
            _ => true,
        };
    }
}
