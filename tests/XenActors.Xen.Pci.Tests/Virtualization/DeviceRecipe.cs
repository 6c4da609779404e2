using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Tests.Support;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>
/// A device the properties can build twice (one behind the virtual space, one written directly): a library device
/// (synthetic or an imported lspci fixture), or a random layout of capabilities and BARs, optionally with its
/// capability chain broken the way buggy or hostile hardware breaks it. ToString is the counterexample FsCheck prints.
/// </summary>
internal sealed record DeviceRecipe(string Name, Func<PciFunction> Build)
{
    public override string ToString() => Name;

    public static IReadOnlyList<DeviceRecipe> Library { get; } = BuildLibrary();

    private static List<DeviceRecipe> BuildLibrary()
    {
        var list = new List<DeviceRecipe> { new("RichNic", PassThroughDevices.RichNic) };
        void AddDevice(string name, Func<PciDevice> device)
        {
            for (var i = 0; i < device().Functions.Count; i++)
            {
                var index = i;
                list.Add(new($"{name}.{index}", () => device().Functions[index]));
            }
        }

        AddDevice("UsbControllerSet", () => SyntheticDevices.UsbControllerSet());
        AddDevice("UsbControllerSet(nonPageAligned)", () => SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true));
        AddDevice("DualPortNic", () => SyntheticDevices.DualPortNic());
        AddDevice("SimpleNic", () => SyntheticDevices.SimpleNic());
        foreach (var name in Fixtures.LspciDumps())
        {
            var text = Fixtures.Read(name);
            list.Add(new($"fixture {name}", () => LspciDumpCodec.Parse(text).Single().ToFunction()));
        }

        return list;
    }

    public enum Cap { PowerManagement, PowerManagementD1D2, Msi32, Msi64Masked, MsiX, Pcie1, Pcie2, Vendor, Vpd, PciX, Ssvid, Agp, Unknown13 }

    public enum Bar { None, Io, Mem32, Mem32Small, Mem64, Mem64Huge }

    public enum Break { None, LoopToFirst, MisalignedPointer, PointerIntoHeader, DuplicateVendorThenHidden }

    /// <summary>A random layout built with <see cref="PciFunctionBuilder"/>, then optionally broken in its raw bytes.</summary>
    public static DeviceRecipe Random(IReadOnlyList<Cap> caps, IReadOnlyList<Bar> bars, Break breakage, int sizeShift) =>
        new($"Random(caps: [{string.Join(", ", caps)}], bars: [{string.Join(", ", bars)}], {breakage}, sizeShift {sizeShift})",
            () => Broken(Layout(caps, bars, breakage, sizeShift), breakage));

    private static PciFunction Layout(IReadOnlyList<Cap> caps, IReadOnlyList<Bar> bars, Break breakage, int sizeShift)
    {
        var b = new PciFunctionBuilder(new PciAddress(0, 6, 0, 0)).Identity(0x1af4, 0x1041, 0x020000).Interrupt((byte)(sizeShift % 2), 11);
        var sizes = new Dictionary<int, ulong>();
        for (var i = 0; i < bars.Count && i < PciConfigRegisters.BarCount; i++)
        {
            switch (bars[i])
            {
                case Bar.Io: b.Bar(i, PciBarKind.Io, 4UL << (sizeShift % 6), 0xc000); break;
                case Bar.Mem32: b.Bar(i, PciBarKind.Memory32, 0x1000UL << (sizeShift % 8), 0xf0000000); break;
                case Bar.Mem32Small: b.Bar(i, PciBarKind.Memory32, 0x10UL << (sizeShift % 8), 0xf1000000); break;
                case Bar.Mem64 when i < PciConfigRegisters.BarCount - 1: b.Bar(i, PciBarKind.Memory64, 0x4000UL << sizeShift, 0x4_0000_0000, prefetchable: true); i++; break;
                case Bar.Mem64Huge when i < PciConfigRegisters.BarCount - 1: b.Bar(i, PciBarKind.Memory64, 0x2_0000_0000UL << (sizeShift % 3), 0x80_0000_0000); i++; break;
            }
        }

        var room = PciLimits.ConventionalConfigSize - PciConfigRegisters.HeaderSize;
        if (breakage == Break.DuplicateVendorThenHidden) { b.VendorSpecific(8).VendorSpecific(8).RawCapability(PciCapabilityIds.PciX, 0x18); room -= 0x28; }
        foreach (var cap in caps)
        {
            var size = cap switch { Cap.Pcie2 => 0x3c, Cap.Pcie1 => 0x14, Cap.Msi64Masked => 0x18, Cap.PciX or Cap.Agp => 0x30, Cap.Msi32 => 0x0c, _ => 0x0c };
            if (size > room) break;
            room -= size;
            switch (cap)
            {
                case Cap.PowerManagement: b.PowerManagement(); break;
                case Cap.PowerManagementD1D2: b.PowerManagement(d1: true, d2: true); break;
                case Cap.Msi32: b.Msi(vectors: 2, is64Bit: false); break;
                case Cap.Msi64Masked: b.Msi(vectors: 8, is64Bit: true, perVectorMask: true); break;
                case Cap.MsiX: b.MsiX(tableSize: 4, tableBar: 0, tableOffset: 0, pbaBar: 0, pbaOffset: 0x800); break;
                case Cap.Pcie1: b.PciExpress(version: 1); break;
                case Cap.Pcie2: b.PciExpress(version: 2); break;
                case Cap.Vendor: b.VendorSpecific(0x0c); break;
                case Cap.Vpd: b.Vpd(); break;
                case Cap.PciX: b.RawCapability(PciCapabilityIds.PciX, 0x18); break;
                case Cap.Ssvid: b.RawCapability(PciCapabilityIds.Ssvid, 8); break;
                case Cap.Agp: b.RawCapability(PciCapabilityIds.Agp, 0x30); break;
                case Cap.Unknown13: b.RawCapability(0x13, 4); break;
            }
        }

        return b.Build();
    }

    /// <summary>Breaks the chain in the raw bytes and re-imports them with the same BAR sizes.</summary>
    private static PciFunction Broken(PciFunction f, Break breakage)
    {
        if (breakage is Break.None or Break.DuplicateVendorThenHidden || f.Capabilities.Count == 0) return f;
        var config = f.CopyConfigSpace();
        var chain = f.Capabilities;
        var last = chain[^1].Offset + 1;
        switch (breakage)
        {
            case Break.LoopToFirst: config[last] = (byte)chain[0].Offset; break;
            case Break.MisalignedPointer: config[PciConfigRegisters.CapabilityList] |= 0x2; break;
            case Break.PointerIntoHeader: config[last] = 0x10; break;
        }

        var sizes = Enumerable.Range(0, PciConfigRegisters.BarCount).Where(i => f.BarDefinitions[i] is not null).ToDictionary(i => i, i => f.BarDefinitions[i]!.Size);
        return PciFunctionImport.FromConfigSpace(f.Address, config, f.Description, sizes);
    }
}
