using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Tests.Support;

namespace XenActors.Xen.Pci.Tests.Model;

public class PciFunctionSpec
{
    private static PciFunction NicPort0() => SyntheticDevices.DualPortNic()[0]!;

    [Fact]
    public void Must_answer_bar_sizing_with_the_size_mask_and_restore_the_address()
    {
        var f = NicPort0();

        f.Write(0x10, 4, 0xffffffff);
        var sized = f.Read(0x10, 4);
        f.Write(0x10, 4, 0xf7c00000);

        Assert.Equal(0xfffe0000u, sized); // 128 KiB, 32-bit, non-prefetchable
        Assert.Equal(0xf7c00000u, f.Read(0x10, 4));
    }

    [Fact]
    public void Must_size_an_io_bar_with_the_io_flag_kept()
    {
        var f = NicPort0();

        f.Write(0x18, 4, 0xffffffff);

        Assert.Equal(0xffffffe1u, f.Read(0x18, 4));
    }

    [Fact]
    public void Must_size_a_64_bit_prefetchable_bar_across_both_dwords()
    {
        var f = new PciFunctionBuilder(new PciAddress(0, 5, 0, 0))
            .Identity(0x10de, 0x1db4, 0x030200)
            .Bar(2, PciBarKind.Memory64, 0x2_0000_0000, 0x38_0000_0000, prefetchable: true)
            .Build();

        f.Write(0x18, 4, 0xffffffff);
        f.Write(0x1c, 4, 0xffffffff);

        Assert.Equal(0x0000000cu, f.Read(0x18, 4));
        Assert.Equal(0xfffffffeu, f.Read(0x1c, 4));
        Assert.Equal(0u, f.Read(0x10, 4)); // BAR0 is not implemented
    }

    [Fact]
    public void Must_ignore_writes_to_identity_registers_and_capability_links()
    {
        var f = NicPort0();

        f.Write(0x00, 4, 0x12345678);
        f.Write(0x40, 2, 0xffff);
        f.Write(0x08, 4, 0);

        Assert.Equal((ushort)0x8086, f.VendorId);
        Assert.Equal((ushort)0x10c9, f.DeviceId);
        Assert.Equal(0x4801u, f.Read(0x40, 2));
        Assert.Equal(0x020000, f.ClassCode);
    }

    [Fact]
    public void Must_clear_status_error_bits_only_by_writing_ones()
    {
        var config = new byte[256];
        config[0] = 0x86; config[1] = 0x80; config[6] = 0x10; config[7] = 0xf9; // status 0xf910
        var f = PciFunctionImport.FromConfigSpace(new PciAddress(0, 0, 9, 0), config);

        f.Write(0x06, 2, 0x8000);
        var afterClear = f.Read(0x06, 2);
        f.Write(0x06, 2, 0x0000);

        Assert.Equal(0x7910u, afterClear);
        Assert.Equal(0x7910u, f.Read(0x06, 2));
    }

    [Fact]
    public void Must_refuse_misaligned_and_odd_sized_accesses()
    {
        var f = NicPort0();

        Assert.Throws<ArgumentException>(() => f.Read(0x11, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Read(0x10, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Write(0xffe, 4, 0));
    }

    [Fact]
    public void Must_mark_multi_function_devices_in_the_header_type()
    {
        var usb = SyntheticDevices.UsbControllerSet();

        Assert.True(usb.IsMultiFunction);
        Assert.All(usb.Functions, f => Assert.Equal(0x80, f.HeaderType));
        Assert.Equal([0, 1, 2, 3, 7], usb.FunctionNumbers);
        Assert.False(SyntheticDevices.SimpleNic().IsMultiFunction);
    }

    [Fact]
    public void Must_chain_capabilities_and_extended_capabilities_of_the_dual_port_nic()
    {
        var f = NicPort0();

        Assert.Equal([(0x01, 0x40), (0x05, 0x48), (0x11, 0x60), (0x10, 0x6c)], f.Capabilities.Select(c => ((int)c.Id, c.Offset)));
        Assert.Equal([(0x0001, 2, 0x100), (0x0003, 1, 0x148)], f.ExtendedCapabilities.Select(c => ((int)c.Id, (int)c.Version, c.Offset)));
    }

    [Fact]
    public void Must_find_the_non_page_aligned_mmio_bar_only_when_asked_to_build_one()
    {
        var bar = SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true)[0]!.FindNonPageAlignedMmioBar();

        Assert.NotNull(bar);
        Assert.Equal((0, 0xfebff400UL, 0x400UL), (bar.Index, bar.Address, bar.Size));
        Assert.Null(SyntheticDevices.UsbControllerSet()[0]!.FindNonPageAlignedMmioBar());
    }

    [Theory]
    [InlineData(0x3000UL, 0x0UL, "is not a power of two")]
    [InlineData(0x1000UL, 0x800UL, "is not aligned to its size")]
    public void Must_refuse_a_bar_real_hardware_could_not_decode(ulong size, ulong address, string reason)
    {
        var b = new PciFunctionBuilder(new PciAddress(0, 1, 0, 0)).Identity(0x8086, 0x1234, 0x020000);

        var e = Assert.Throws<ArgumentException>(() => b.Bar(0, PciBarKind.Memory32, size, address));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_infer_the_size_of_an_imported_bar_from_its_address_alignment()
    {
        var f = LspciDumpCodec.Parse(Fixtures.Read("00_03_0.xxxx.txt"))[0].ToFunction();

        f.Write(0x10, 4, 0xffffffff);

        Assert.Equal(0x100000UL, f.Bars[0].Size);
        Assert.Equal(0xfff00004u, f.Read(0x10, 4));
    }
}
