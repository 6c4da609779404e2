using XenActors.Xen.Pci.Building;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>A NIC with every kind of capability group, hidden ones included, laid out as:
/// PM@40 (D2 only), PCI-X@48 (hidden), MSI@60 (64-bit), SSVID@70 (hidden), MSI-X@78, PCIe v2@84.</summary>
internal static class PassThroughDevices
{
    public static PciFunction RichNic() => new PciFunctionBuilder(new PciAddress(0, 5, 0, 0))
        .Identity(0x8086, 0x10d3, 0x020000)
        .Interrupt(1, 10)
        .Bar(0, PciBarKind.Memory32, 0x20000, 0xfebc0000)
        .Bar(2, PciBarKind.Io, 0x20, 0xc000)
        .Bar(3, PciBarKind.Memory32, 0x4000, 0xfebe0000)
        .Bar(4, PciBarKind.Memory64, 0x100000, 0x2_0000_0000, prefetchable: true)
        .PowerManagement(d1: false, d2: true)
        .RawCapability(PciCapabilityIds.PciX, 0x18)
        .Msi(vectors: 4, is64Bit: true)
        .RawCapability(PciCapabilityIds.Ssvid, 8)
        .MsiX(tableSize: 5, tableBar: 3, tableOffset: 0, pbaBar: 3, pbaOffset: 0x2000)
        .PciExpress(version: 2, functionLevelReset: true)
        .Build();

    /// <summary>The same function with Status error bits set, as a device that saw an abort.</summary>
    public static PciFunction WithStatusBits(PciFunction f, ushort bits)
    {
        var config = f.CopyConfigSpace();
        config[PciConfigRegisters.Status] |= (byte)bits;
        config[PciConfigRegisters.Status + 1] |= (byte)(bits >> 8);
        var sizes = Enumerable.Range(0, 6).Where(i => f.BarDefinitions[i] is not null).ToDictionary(i => i, i => f.BarDefinitions[i]!.Size);
        return PciFunctionImport.FromConfigSpace(f.Address, config, f.Description, sizes);
    }
}
