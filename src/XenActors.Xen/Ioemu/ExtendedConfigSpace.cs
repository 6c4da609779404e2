using System.Globalization;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The PCIe extended configuration space (0x100-0xFFF) a guest reaches through MMCFG, which the seed's
/// ioemu lacked. AER, Device Serial Number and vendor-specific (VSEC) capabilities are exposed; every
/// other extended capability is hidden by relinking the chain around it. AER is emulated: the guest
/// masks and clears (write one to clear) its own copy, and errors on the physical device show up in it.
/// DSN and VSEC read through and ignore writes. Not thread-safe: the ioemu actor owns it.
/// </summary>
internal sealed class ExtendedConfigSpace
{
    public const ushort AerId = PciCapabilityIds.ExtAer;
    public const ushort DsnId = PciCapabilityIds.ExtDsn;
    public const ushort VsecId = 0x000b;

    // AER register offsets (PCIe base spec 7.8.4; pci_regs.h PCI_ERR_*).
    public const int AerUncorrectableStatus = 0x04;
    public const int AerUncorrectableMask = 0x08;
    public const int AerUncorrectableSeverity = 0x0c;
    public const int AerCorrectableStatus = 0x10;
    public const int AerCorrectableMask = 0x14;
    private const int AerCapabilitiesControl = 0x18;
    private const int AerSize = 0x48;
    private const int DsnSize = 0x0c;

    private readonly PciFunction host;
    private readonly List<(ushort Id, byte Version, int Offset, int Size)> exposed = [];
    private readonly Dictionary<int, uint> aer = [];
    private readonly int aerBase;
    private readonly int firstOffset;

    public ExtendedConfigSpace(PciFunction host)
    {
        this.host = host;
        foreach (var cap in host.ExtendedCapabilities)
        {
            if (cap.Id is not (AerId or DsnId or VsecId)) continue;
            var size = cap.Id switch
            {
                AerId => AerSize,
                DsnId => DsnSize,
                _ => Math.Max(8, (int)(host.Read(cap.Offset + 4, 4) >> 20)),
            };
            exposed.Add((cap.Id, cap.Version, cap.Offset, size));
            if (cap.Id == AerId && aerBase == 0) aerBase = cap.Offset;
        }

        foreach (var reg in new[] { AerUncorrectableStatus, AerUncorrectableMask, AerUncorrectableSeverity, AerCorrectableStatus, AerCorrectableMask, AerCapabilitiesControl })
        {
            if (aerBase != 0) aer[reg] = host.Read(aerBase + reg, 4);
        }

        firstOffset = exposed.Count > 0 ? exposed[0].Offset : 0;
    }

    public bool HasAer => aerBase != 0;

    public int AerOffset => aerBase;

    public IReadOnlyList<ushort> ExposedIds => [.. exposed.Select(e => e.Id)];

    public uint Read(int offset, int size)
    {
        uint value = 0;
        for (var i = 0; i < size; i++) value |= (uint)ReadByte(offset + i) << (8 * i);
        return value;
    }

    /// <summary>A guest write; returns what was refused, for the log.</summary>
    public IReadOnlyList<string> Write(int offset, int size, uint value)
    {
        var notes = new List<string>();
        var dword = offset & ~3;
        if (aerBase != 0 && aer.ContainsKey(dword - aerBase))
        {
            var reg = dword - aerBase;
            var shift = 8 * (offset & 3);
            var mask = (size == 4 ? uint.MaxValue : (1u << (8 * size)) - 1) << shift;
            var bits = (value << shift) & mask;
            if (reg is AerUncorrectableStatus or AerCorrectableStatus)
            {
                // Write one to clear, on the guest's copy and on the device (the guest handled the error).
                aer[reg] &= ~bits;
                host.Write(aerBase + reg, 4, host.Read(aerBase + reg, 4) & ~bits);
            }
            else if (reg != AerCapabilitiesControl)
            {
                aer[reg] = (aer[reg] & ~mask) | bits;
            }

            return notes;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{host.Address}: write to extended config 0x{offset:x3} dropped (read-only or hidden)"));
        return notes;
    }

    /// <summary>An error the physical device reported: set in its AER status and in the guest's copy.</summary>
    public bool InjectAer(bool correctable, uint statusBit)
    {
        if (aerBase == 0) return false;
        var reg = correctable ? AerCorrectableStatus : AerUncorrectableStatus;
        host.Write(aerBase + reg, 4, host.Read(aerBase + reg, 4) | statusBit);
        aer[reg] |= statusBit;
        return true;
    }

    public uint AerRegister(int reg) => aer.GetValueOrDefault(reg);

    /// <summary>The guest-visible 4 KiB image (first 256 bytes zero), for lspci dumps.</summary>
    public byte[] View()
    {
        var bytes = new byte[PciLimits.ExtendedConfigSize];
        for (var off = PciLimits.ConventionalConfigSize; off < PciLimits.ExtendedConfigSize; off++) bytes[off] = ReadByte(off);
        return bytes;
    }

    private byte ReadByte(int offset)
    {
        if (offset < PciLimits.ConventionalConfigSize || offset >= PciLimits.ExtendedConfigSize || exposed.Count == 0) return 0;
        var dword = offset & ~3;
        var shift = 8 * (offset & 3);
        if (dword == PciConfigRegisters.ExtendedCapabilityStart && firstOffset != PciConfigRegisters.ExtendedCapabilityStart)
        {
            // The chain must start at 0x100: a null capability there points at the first exposed one.
            return (byte)((uint)firstOffset << 20 >> shift);
        }

        for (var i = 0; i < exposed.Count; i++)
        {
            var cap = exposed[i];
            if (offset < cap.Offset || offset >= cap.Offset + cap.Size) continue;
            if (dword == cap.Offset)
            {
                var next = i + 1 < exposed.Count ? exposed[i + 1].Offset : 0;
                var header = cap.Id | ((uint)cap.Version << 16) | ((uint)next << 20);
                return (byte)(header >> shift);
            }

            if (cap.Id == AerId && aer.TryGetValue(dword - cap.Offset, out var emulated)) return (byte)(emulated >> shift);
            return (byte)host.Read(offset, 1);
        }

        return 0;
    }
}
