namespace XenActors.Xen.Pci.Building;

/// <summary>Ready-made devices for tests and drills, shaped like the hardware in the seeds.</summary>
public static class SyntheticDevices
{
    /// <summary>
    /// The seed's multi-function USB set (figure 2): UHCI controllers at .0-.3 and EHCI at .7,
    /// Intel ICH9 IDs. With <paramref name="nonPageAlignedMmioBar"/> function 0 also decodes a
    /// 1 KiB MMIO BAR at a page offset of 0x400, the BIOS layout behind "non-page-aligned MMIO BAR found".
    /// </summary>
    public static PciDevice UsbControllerSet(int domain = 0, int bus = 0, int device = 0x1d, bool nonPageAlignedMmioBar = false)
    {
        var slot = new PciSlotAddress(domain, bus, device);
        var functions = new List<PciFunction>();
        ushort[] uhciIds = [0x2934, 0x2935, 0x2936, 0x2937];
        for (var fn = 0; fn < 4; fn++)
        {
            var b = new PciFunctionBuilder(slot.Function(fn))
                .Identity(0x8086, uhciIds[fn], 0x0c0300, 0x03)
                .Subsystem(0x8086, 0x5044)
                .Named($"Intel Corporation 82801I (ICH9 Family) USB UHCI Controller #{fn + 1}")
                .MultiFunction()
                .Interrupt((byte)(fn + 1), (byte)(16 + fn))
                .Bar(4, PciBarKind.Io, 0x20, 0xe000u + (ulong)(0x20 * fn))
                .RawCapability(0x13, 4); // PCI Advanced Features: QEMU exposes no group for it, so it is hidden
            if (fn == 0 && nonPageAlignedMmioBar)
            {
                b.Bar(0, PciBarKind.Memory32, 0x400, 0xfebff400);
            }

            functions.Add(b.Build());
        }

        functions.Add(new PciFunctionBuilder(slot.Function(7))
            .Identity(0x8086, 0x293a, 0x0c0320, 0x03)
            .Subsystem(0x8086, 0x5044)
            .Named("Intel Corporation 82801I (ICH9 Family) USB2 EHCI Controller #1")
            .MultiFunction()
            .Interrupt(1, 16)
            .Bar(0, PciBarKind.Memory32, 0x1000, 0xfebfe000)
            .PowerManagement(d1: false, d2: false)
            .RawCapability(0x0a, 4) // debug port
            .Build());
        return new PciDevice(slot, functions);
    }

    /// <summary>An Intel 82576 dual-port gigabit NIC: two functions, each with PM, MSI, MSI-X and PCIe, plus AER and DSN.</summary>
    public static PciDevice DualPortNic(int domain = 0, int bus = 3, int device = 0)
    {
        var slot = new PciSlotAddress(domain, bus, device);
        var functions = new List<PciFunction>();
        for (var fn = 0; fn < 2; fn++)
        {
            functions.Add(new PciFunctionBuilder(slot.Function(fn))
                .Identity(0x8086, 0x10c9, 0x020000, 0x01)
                .Subsystem(0x8086, 0xa03c)
                .Named("Intel Corporation 82576 Gigabit Network Connection")
                .MultiFunction()
                .Interrupt((byte)(fn + 1), (byte)(28 + fn))
                .Bar(0, PciBarKind.Memory32, 0x20000, 0xf7c00000u + (ulong)(0x40000 * fn))
                .Bar(1, PciBarKind.Memory32, 0x20000, 0xf7c20000u + (ulong)(0x40000 * fn))
                .Bar(2, PciBarKind.Io, 0x20, 0xd000u + (ulong)(0x20 * fn))
                .Bar(3, PciBarKind.Memory32, 0x4000, 0xf7d00000u + (ulong)(0x4000 * fn))
                .PowerManagement(d1: false, d2: false)
                .Msi(vectors: 1, is64Bit: true, perVectorMask: true)
                .MsiX(tableSize: 10, tableBar: 3, tableOffset: 0, pbaBar: 3, pbaOffset: 0x2000)
                .PciExpress(version: 2, functionLevelReset: true)
                .Aer()
                .SerialNumber(0x001b21ffff0a0b0cUL + (ulong)fn)
                .Build());
        }

        return new PciDevice(slot, functions);
    }

    /// <summary>A single-function Realtek RTL-8139 (I/O and MMIO BAR, power management with D1/D2).</summary>
    public static PciDevice SimpleNic(int domain = 0, int bus = 0, int device = 4)
    {
        var slot = new PciSlotAddress(domain, bus, device);
        var f = new PciFunctionBuilder(slot.Function(0))
            .Identity(0x10ec, 0x8139, 0x020000, 0x10)
            .Subsystem(0x10ec, 0x8139)
            .Named("Realtek Semiconductor Co., Ltd. RTL-8100/8101L/8139 PCI Fast Ethernet Adapter")
            .Interrupt(1, 11)
            .Bar(0, PciBarKind.Io, 0x100, 0xc000)
            .Bar(1, PciBarKind.Memory32, 0x100, 0xfebf1000)
            .PowerManagement(d1: true, d2: true)
            .Build();
        return new PciDevice(slot, [f]);
    }
}
