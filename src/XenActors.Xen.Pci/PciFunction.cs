using System.Buffers.Binary;

namespace XenActors.Xen.Pci;

/// <summary>
/// One physical PCI function with its full 4096-byte configuration space. Writes follow the
/// hardware rules that matter to pass-through: read-only identity bytes and capability links,
/// BAR sizing (all ones reads back the size mask), Status write-one-to-clear. Other registers
/// store what is written.
/// </summary>
public sealed class PciFunction
{
    private const int MaxChainLength = 48;
    private readonly byte[] config = new byte[PciLimits.ExtendedConfigSize];
    private readonly PciBarDefinition?[] bars = new PciBarDefinition?[PciConfigRegisters.BarCount];
    private readonly bool[] readOnly = new bool[PciLimits.ExtendedConfigSize];

    internal PciFunction(PciAddress address, ReadOnlySpan<byte> configSpace, IReadOnlyList<PciBarDefinition?> barDefinitions, string? description, int knownLength)
    {
        if (configSpace.Length > PciLimits.ExtendedConfigSize)
        {
            throw new ArgumentException($"configuration space is {configSpace.Length} bytes; at most {PciLimits.ExtendedConfigSize} exist", nameof(configSpace));
        }

        Address = address;
        Description = description;
        KnownLength = knownLength;
        configSpace.CopyTo(config);
        for (var i = 0; i < barDefinitions.Count && i < bars.Length; i++) bars[i] = barDefinitions[i];
        MarkReadOnly();
    }

    public PciAddress Address { get; }

    /// <summary>lspci's text after the address ("Ethernet controller: ..."), when known.</summary>
    public string? Description { get; }

    /// <summary>How many bytes of configuration space are real: 64, 256 or 4096 (an lspci -x/-xxx/-xxxx dump).</summary>
    public int KnownLength { get; }

    public ushort VendorId => ReadWord(PciConfigRegisters.VendorId);
    public ushort DeviceId => ReadWord(PciConfigRegisters.DeviceId);
    public byte Revision => config[PciConfigRegisters.RevisionId];

    /// <summary>24-bit class code: base class, subclass, programming interface.</summary>
    public int ClassCode => config[0x0b] << 16 | config[0x0a] << 8 | config[0x09];

    public byte HeaderType => config[PciConfigRegisters.HeaderType];
    public bool IsMultiFunction => (HeaderType & PciConfigRegisters.HeaderTypeMultiFunction) != 0;
    public ushort SubsystemVendorId => ReadWord(PciConfigRegisters.SubsystemVendorId);
    public ushort SubsystemId => ReadWord(PciConfigRegisters.SubsystemId);
    public byte InterruptPin => config[PciConfigRegisters.InterruptPin];

    public IReadOnlyList<PciBarDefinition?> BarDefinitions => bars;

    /// <summary>The BARs as configuration space currently decodes them (a 64-bit BAR takes two slots).</summary>
    public IReadOnlyList<PciBar> Bars
    {
        get
        {
            var list = new List<PciBar>();
            for (var i = 0; i < PciConfigRegisters.BarCount; i++)
            {
                var def = bars[i];
                if (def is null) continue;
                ulong address = ReadDword(PciConfigRegisters.BaseAddress0 + 4 * i);
                address &= def.Kind == PciBarKind.Io ? ~(ulong)PciConfigRegisters.BarIoFlagsMask : ~(ulong)PciConfigRegisters.BarMemFlagsMask;
                if (def.Kind == PciBarKind.Memory64 && i + 1 < PciConfigRegisters.BarCount)
                {
                    address |= (ulong)ReadDword(PciConfigRegisters.BaseAddress0 + 4 * (i + 1)) << 32;
                }

                list.Add(new PciBar(i, def.Kind, def.Prefetchable, address, def.Size));
                if (def.Kind == PciBarKind.Memory64) i++;
            }

            return list;
        }
    }

    /// <summary>The capability chain from 0x34 (only when Status says a list exists), loop-safe.</summary>
    public IReadOnlyList<PciCapability> Capabilities => WalkCapabilities(config);

    public IReadOnlyList<PciExtendedCapability> ExtendedCapabilities
    {
        get
        {
            var list = new List<PciExtendedCapability>();
            var pos = PciConfigRegisters.ExtendedCapabilityStart;
            for (var n = 0; n < 480 && pos >= PciConfigRegisters.ExtendedCapabilityStart && pos < KnownLength; n++)
            {
                var header = ReadDword(pos);
                if (header == 0 || header == uint.MaxValue) break;
                list.Add(new PciExtendedCapability((ushort)(header & 0xffff), (byte)((header >> 16) & 0xf), pos));
                pos = (int)(header >> 20) & 0xffc;
                if (pos == 0) break;
            }

            return list;
        }
    }

    public PciCapability? FindCapability(byte id)
    {
        foreach (var cap in Capabilities)
        {
            if (cap.Id == id) return cap;
        }

        return null;
    }

    /// <summary>The first MMIO BAR that does not start on a page (the seed's "non-page-aligned MMIO BAR found").</summary>
    public PciBar? FindNonPageAlignedMmioBar() => Bars.FirstOrDefault(b => !b.IsPageAligned);

    public byte[] CopyConfigSpace(int length = PciLimits.ExtendedConfigSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, PciLimits.ExtendedConfigSize);
        return config.AsSpan(0, length).ToArray();
    }

    public uint Read(int offset, int size)
    {
        CheckAccess(offset, size);
        return size switch
        {
            1 => config[offset],
            2 => ReadWord(offset),
            _ => ReadDword(offset),
        };
    }

    public void Write(int offset, int size, uint value)
    {
        CheckAccess(offset, size);
        var dword = offset & ~3;
        var shift = (offset & 3) * 8;
        var byteMask = (size == 4 ? uint.MaxValue : (1u << (size * 8)) - 1) << shift;
        var old = ReadDword(dword);
        var merged = (old & ~byteMask) | ((value << shift) & byteMask);
        var result = ApplyHardwareRules(dword, old, merged, byteMask);
        for (var i = 0; i < 4; i++)
        {
            var b = dword + i;
            if (((byteMask >> (i * 8)) & 0xff) == 0 || readOnly[b]) continue;
            config[b] = (byte)(result >> (i * 8));
        }
    }

    /// <summary>The chain walk shared with the virtual view: follows next pointers, stops on loops and bad pointers.</summary>
    internal static List<PciCapability> WalkCapabilities(ReadOnlySpan<byte> space)
    {
        var list = new List<PciCapability>();
        var status = BinaryPrimitives.ReadUInt16LittleEndian(space[PciConfigRegisters.Status..]);
        if ((status & PciConfigRegisters.StatusCapList) == 0) return list;
        var pos = space[PciConfigRegisters.CapabilityList] & ~3;
        for (var n = 0; n < MaxChainLength && pos >= PciConfigRegisters.HeaderSize && pos < PciLimits.ConventionalConfigSize; n++)
        {
            var id = space[pos];
            if (id == 0xff) break;
            list.Add(new PciCapability(id, pos));
            pos = space[pos + 1] & ~3;
        }

        return list;
    }

    internal ushort ReadWord(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(config.AsSpan(offset));

    internal uint ReadDword(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(config.AsSpan(offset));

    private static void CheckAccess(int offset, int size)
    {
        if (size is not (1 or 2 or 4)) throw new ArgumentOutOfRangeException(nameof(size), size, "config access size must be 1, 2 or 4");
        if (offset < 0 || offset + size > PciLimits.ExtendedConfigSize) throw new ArgumentOutOfRangeException(nameof(offset), offset, "config access outside the 4096-byte space");
        if (offset % size != 0) throw new ArgumentException($"config access at 0x{offset:x} is not aligned to its size {size}", nameof(offset));
    }

    private uint ApplyHardwareRules(int dword, uint old, uint merged, uint byteMask)
    {
        if (dword == PciConfigRegisters.Command)
        {
            // Status (upper half) only changes by write-one-to-clear.
            var oldStatus = old >> 16;
            var clear = (merged >> 16) & PciConfigRegisters.StatusRw1cMask & (byteMask >> 16);
            return (merged & 0xffff) | ((oldStatus & ~clear) << 16);
        }

        if (dword is >= PciConfigRegisters.BaseAddress0 and <= PciConfigRegisters.BaseAddress5)
        {
            var index = (dword - PciConfigRegisters.BaseAddress0) / 4;
            if (index > 0 && bars[index - 1] is { Kind: PciBarKind.Memory64 } lower)
            {
                return merged & lower.HighAddressMask;
            }

            var def = bars[index];
            return def is null ? old : (merged & def.LowAddressMask) | FlagsOf(def);
        }

        if (dword == PciConfigRegisters.RomAddress) return old;
        return merged;
    }

    private static uint FlagsOf(PciBarDefinition def) => def.Kind switch
    {
        PciBarKind.Io => PciConfigRegisters.BarSpaceIo,
        PciBarKind.Memory64 => PciConfigRegisters.BarMemType64 | (def.Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0),
        _ => def.Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0,
    };

    private void MarkReadOnly()
    {
        int[] identity = [0x00, 0x01, 0x02, 0x03, 0x08, 0x09, 0x0a, 0x0b, 0x0e, 0x2c, 0x2d, 0x2e, 0x2f, 0x34, 0x3d];
        foreach (var b in identity) readOnly[b] = true;
        foreach (var cap in Capabilities)
        {
            readOnly[cap.Offset] = true;
            readOnly[cap.Offset + 1] = true;
        }

        foreach (var ext in ExtendedCapabilities)
        {
            for (var i = 0; i < 4; i++) readOnly[ext.Offset + i] = true;
        }
    }
}
