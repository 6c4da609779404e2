using System.Buffers.Binary;
using System.Numerics;

namespace XenActors.Xen.Pci.Building;

/// <summary>
/// Builds a synthetic physical function: identity, BARs and a capability chain laid out from 0x40
/// (extended capabilities from 0x100) in the order they are added. Bad input throws
/// <see cref="ArgumentException"/> naming the problem; nothing is built half way.
/// </summary>
public sealed class PciFunctionBuilder
{
    private readonly PciAddress address;
    private readonly PciBarDefinition?[] bars = new PciBarDefinition?[PciConfigRegisters.BarCount];
    private readonly ulong[] barAddresses = new ulong[PciConfigRegisters.BarCount];
    private readonly List<byte[]> capabilities = [];
    private readonly List<(ushort Id, byte Version, byte[] Body)> extended = [];
    private ushort vendorId = 0xffff;
    private ushort deviceId = 0xffff;
    private int classCode;
    private byte revision;
    private ushort subsystemVendorId;
    private ushort subsystemId;
    private byte interruptPin;
    private byte interruptLine;
    private bool multiFunction;
    private string? name;

    public PciFunctionBuilder(PciAddress address) => this.address = address;

    public PciFunctionBuilder Identity(ushort vendor, ushort device, int classCode, byte revision = 0)
    {
        if (classCode is < 0 or > 0xffffff) throw new ArgumentOutOfRangeException(nameof(classCode), "class code is 24 bits");
        vendorId = vendor;
        deviceId = device;
        this.classCode = classCode;
        this.revision = revision;
        return this;
    }

    public PciFunctionBuilder Subsystem(ushort vendor, ushort device)
    {
        subsystemVendorId = vendor;
        subsystemId = device;
        return this;
    }

    /// <summary>The product name lspci would print after the class (vendor and device names).</summary>
    public PciFunctionBuilder Named(string productName)
    {
        name = productName;
        return this;
    }

    /// <summary>INTx pin 1-4 (INTA-INTD) and the line firmware routed it to.</summary>
    public PciFunctionBuilder Interrupt(byte pin, byte line = 0)
    {
        if (pin > 4) throw new ArgumentOutOfRangeException(nameof(pin), "interrupt pin is 0 (none) or 1-4 (INTA-INTD)");
        interruptPin = pin;
        interruptLine = line;
        return this;
    }

    /// <summary>Sets the multi-function bit (0x80) of the header type.</summary>
    public PciFunctionBuilder MultiFunction(bool value = true)
    {
        multiFunction = value;
        return this;
    }

    public PciFunctionBuilder Bar(int index, PciBarKind kind, ulong size, ulong barAddress, bool prefetchable = false)
    {
        if (index is < 0 or >= PciConfigRegisters.BarCount) throw new ArgumentOutOfRangeException(nameof(index), "BAR index is 0-5");
        if (kind == PciBarKind.Memory64 && index == PciConfigRegisters.BarCount - 1) throw new ArgumentException("a 64-bit BAR needs two slots; BAR5 cannot be 64-bit", nameof(index));
        if (!BitOperations.IsPow2(size)) throw new ArgumentException($"BAR{index} size 0x{size:x} is not a power of two", nameof(size));
        if (kind == PciBarKind.Io && (size < 4 || size > 256)) throw new ArgumentException($"I/O BAR{index} size 0x{size:x} must be 4-256 bytes", nameof(size));
        if (kind != PciBarKind.Io && size < 16) throw new ArgumentException($"memory BAR{index} size 0x{size:x} must be at least 16 bytes", nameof(size));
        if (kind == PciBarKind.Io && prefetchable) throw new ArgumentException("an I/O BAR cannot be prefetchable", nameof(prefetchable));
        if (barAddress % size != 0) throw new ArgumentException($"BAR{index} address 0x{barAddress:x} is not aligned to its size 0x{size:x}", nameof(barAddress));
        if (kind != PciBarKind.Memory64 && barAddress + size - 1 > uint.MaxValue) throw new ArgumentException($"BAR{index} at 0x{barAddress:x} does not fit in 32 bits", nameof(barAddress));
        if (bars[index] is not null || (index > 0 && bars[index - 1]?.Kind == PciBarKind.Memory64) || (kind == PciBarKind.Memory64 && bars[index + 1] is not null))
        {
            throw new ArgumentException($"BAR{index} overlaps a BAR already defined", nameof(index));
        }

        bars[index] = new PciBarDefinition(kind, prefetchable, size);
        barAddresses[index] = barAddress;
        return this;
    }

    /// <summary>Power management (cap 1, version 3) declaring which of D1/D2 the device supports.</summary>
    public PciFunctionBuilder PowerManagement(bool d1 = false, bool d2 = false)
    {
        ushort pmc = 0x0003;
        if (d1) pmc |= 0x0200;
        if (d2) pmc |= 0x0400;
        pmc |= 0xc800; // PME from D0, D3hot, D3cold
        var body = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), pmc);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(4), 0x0008); // No_Soft_Reset
        return Capability(PciCapabilityIds.PowerManagement, body);
    }

    /// <summary>MSI (cap 5) with 1-32 vectors, optionally 64-bit addresses and per-vector masking.</summary>
    public PciFunctionBuilder Msi(int vectors = 1, bool is64Bit = true, bool perVectorMask = false)
    {
        if (!BitOperations.IsPow2(vectors) || vectors > 32) throw new ArgumentException($"MSI vectors {vectors} must be a power of two up to 32", nameof(vectors));
        var size = 0x0a + (is64Bit ? 4 : 0) + (perVectorMask ? 10 : 0);
        var body = new byte[size];
        var ctrl = (ushort)(BitOperations.Log2((uint)vectors) << 1);
        if (is64Bit) ctrl |= 0x0080;
        if (perVectorMask) ctrl |= 0x0100;
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), ctrl);
        return Capability(PciCapabilityIds.Msi, body);
    }

    /// <summary>MSI-X (cap 0x11): table and PBA inside BARs.</summary>
    public PciFunctionBuilder MsiX(int tableSize, int tableBar, uint tableOffset, int pbaBar, uint pbaOffset)
    {
        if (tableSize is < 1 or > 2048) throw new ArgumentOutOfRangeException(nameof(tableSize), "MSI-X table size is 1-2048");
        if (tableBar is < 0 or > 5 || pbaBar is < 0 or > 5) throw new ArgumentException("MSI-X BIR must be 0-5");
        if ((tableOffset & 7) != 0 || (pbaOffset & 7) != 0) throw new ArgumentException("MSI-X table and PBA offsets must be 8-byte aligned");
        var body = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)(tableSize - 1));
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), tableOffset | (uint)tableBar);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), pbaOffset | (uint)pbaBar);
        return Capability(PciCapabilityIds.MsiX, body);
    }

    /// <summary>PCI Express (cap 0x10), an endpoint; version 2 is 0x3c bytes, version 1 0x14.</summary>
    public PciFunctionBuilder PciExpress(int version = 2, bool functionLevelReset = true, int deviceType = 0)
    {
        if (version is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(version), "PCIe capability version is 1 or 2");
        var body = new byte[version == 2 ? 0x3c : 0x14];
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)(version | (deviceType << 4)));
        var devcap = 0x00008fc2u; // 512-byte payload, L0s/L1 latencies, role-based error reporting
        if (functionLevelReset) devcap |= 0x10000000;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), devcap);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(8), 0x2810);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(0x0c), 0x00000441); // 2.5GT/s x4
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(0x12), 0x1041); // link active, 2.5GT/s x4
        return Capability(PciCapabilityIds.PciExpress, body);
    }

    public PciFunctionBuilder Vpd() => Capability(PciCapabilityIds.Vpd, new byte[8]);

    /// <summary>Vendor-specific capability (cap 9); its length byte at +2 sizes QEMU's register group.</summary>
    public PciFunctionBuilder VendorSpecific(int length = 8)
    {
        if (length is < 3 or > 0xc0) throw new ArgumentOutOfRangeException(nameof(length), "vendor capability length is 3-192");
        var body = new byte[length];
        body[2] = (byte)length;
        return Capability(PciCapabilityIds.VendorSpecific, body);
    }

    /// <summary>Any capability by ID with a zeroed body of <paramref name="length"/> bytes (e.g. the hidden AGP/PCI-X/SSVID).</summary>
    public PciFunctionBuilder RawCapability(byte id, int length)
    {
        if (length is < 2 or > 0xc0) throw new ArgumentOutOfRangeException(nameof(length), "capability length is 2-192");
        return Capability(id, new byte[length]);
    }

    /// <summary>Advanced Error Reporting (extended cap 1, version 2).</summary>
    public PciFunctionBuilder Aer() => ExtendedCapability(PciCapabilityIds.ExtAer, 2, 0x48);

    /// <summary>Device Serial Number (extended cap 3).</summary>
    public PciFunctionBuilder SerialNumber(ulong serial)
    {
        var body = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(4), serial);
        extended.Add((PciCapabilityIds.ExtDsn, 1, body));
        return this;
    }

    public PciFunctionBuilder ExtendedCapability(ushort id, byte version, int length)
    {
        if (length is < 4 or > 0x400) throw new ArgumentOutOfRangeException(nameof(length), "extended capability length is 4-1024");
        if (version > 0xf) throw new ArgumentOutOfRangeException(nameof(version), "extended capability version is 4 bits");
        extended.Add((id, version, new byte[length]));
        return this;
    }

    public PciFunction Build()
    {
        if (vendorId == 0xffff) throw new InvalidOperationException($"function {address}: set Identity() first (vendor 0xffff means no device)");
        var config = new byte[PciLimits.ExtendedConfigSize];
        var span = config.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[PciConfigRegisters.VendorId..], vendorId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[PciConfigRegisters.DeviceId..], deviceId);
        config[PciConfigRegisters.RevisionId] = revision;
        config[0x09] = (byte)classCode;
        config[0x0a] = (byte)(classCode >> 8);
        config[0x0b] = (byte)(classCode >> 16);
        config[PciConfigRegisters.HeaderType] = multiFunction ? PciConfigRegisters.HeaderTypeMultiFunction : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[PciConfigRegisters.SubsystemVendorId..], subsystemVendorId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[PciConfigRegisters.SubsystemId..], subsystemId);
        config[PciConfigRegisters.InterruptPin] = interruptPin;
        config[PciConfigRegisters.InterruptLine] = interruptLine;

        ushort command = 0;
        for (var i = 0; i < PciConfigRegisters.BarCount; i++)
        {
            if (bars[i] is not { } def) continue;
            var flags = def.Kind switch
            {
                PciBarKind.Io => PciConfigRegisters.BarSpaceIo,
                PciBarKind.Memory64 => PciConfigRegisters.BarMemType64 | (def.Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0),
                _ => def.Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0u,
            };
            BinaryPrimitives.WriteUInt32LittleEndian(span[(PciConfigRegisters.BaseAddress0 + 4 * i)..], (uint)barAddresses[i] | flags);
            if (def.Kind == PciBarKind.Memory64)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(PciConfigRegisters.BaseAddress0 + 4 * (i + 1))..], (uint)(barAddresses[i] >> 32));
            }

            command |= def.Kind == PciBarKind.Io ? PciConfigRegisters.CommandIo : PciConfigRegisters.CommandMemory;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span[PciConfigRegisters.Command..], command);
        LayOutCapabilities(config);
        LayOutExtendedCapabilities(config);
        return new PciFunction(address, config, bars, name is null ? null : PciNames.Describe(classCode, name, revision), PciLimits.ExtendedConfigSize);
    }

    private PciFunctionBuilder Capability(byte id, byte[] body)
    {
        body[0] = id;
        capabilities.Add(body);
        return this;
    }

    private void LayOutCapabilities(byte[] config)
    {
        if (capabilities.Count == 0) return;
        var pos = PciConfigRegisters.HeaderSize;
        var previousNext = PciConfigRegisters.CapabilityList;
        foreach (var body in capabilities)
        {
            var length = (body.Length + 3) & ~3;
            if (pos + length > PciLimits.ConventionalConfigSize)
            {
                throw new InvalidOperationException($"function {address}: capabilities need more than the 192 bytes from 0x40 to 0xff");
            }

            body.CopyTo(config, pos);
            config[previousNext] = (byte)pos;
            previousNext = pos + 1;
            pos += length;
        }

        config[previousNext] = 0;
        config[PciConfigRegisters.Status] |= (byte)PciConfigRegisters.StatusCapList;
    }

    private void LayOutExtendedCapabilities(byte[] config)
    {
        var pos = PciConfigRegisters.ExtendedCapabilityStart;
        for (var i = 0; i < extended.Count; i++)
        {
            var (id, version, body) = extended[i];
            var length = (body.Length + 3) & ~3;
            if (pos + length > PciLimits.ExtendedConfigSize)
            {
                throw new InvalidOperationException($"function {address}: extended capabilities do not fit in 4096 bytes");
            }

            body.CopyTo(config, pos);
            var next = i + 1 < extended.Count ? pos + length : 0;
            BinaryPrimitives.WriteUInt32LittleEndian(config.AsSpan(pos), id | ((uint)version << 16) | ((uint)next << 20));
            pos += length;
        }
    }
}
