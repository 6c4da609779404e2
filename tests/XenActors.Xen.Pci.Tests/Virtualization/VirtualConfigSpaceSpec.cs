using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

public class VirtualConfigSpaceSpec
{
    [Fact]
    public void Must_relink_the_guest_chain_around_hidden_capabilities()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        Assert.Equal([0x01, 0x07, 0x05, 0x0d, 0x11, 0x10], host.Capabilities.Select(c => (int)c.Id));
        Assert.Equal([(0x01, 0x40), (0x05, 0x60), (0x11, 0x78), (0x10, 0x84)], guest.GuestCapabilities.Select(c => ((int)c.Id, c.Offset)));
        Assert.Equal(0x60u, guest.Read(0x41, 1)); // PM's next pointer skips PCI-X
    }

    [Fact]
    public void Must_read_hidden_groups_as_zero_and_ignore_writes_to_them()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);
        var before = host.CopyConfigSpace();

        var read = guest.Read(0x48, 4);
        guest.Write(0x4c, 4, 0xdeadbeef);

        Assert.Equal(0u, read);
        Assert.Equal(before, host.CopyConfigSpace());
        Assert.Equal(ConfigSpaceEventKind.HardwiredWriteIgnored, Assert.Single(guest.Events).Kind);
    }

    [Fact]
    public void Must_keep_vendor_and_device_ids_read_only()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        guest.Write(0x00, 4, 0x12345678);

        Assert.Equal(0x10d38086u, guest.Read(0x00, 4));
        Assert.Equal(0x10d38086u, host.Read(0x00, 4));
    }

    [Fact]
    public void Must_emulate_io_and_memory_enable_but_pass_bus_master_to_the_device()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        var initial = guest.Read(0x04, 2);
        guest.Write(0x04, 2, 0x0000);
        var hostAfterClear = host.Read(0x04, 2);
        guest.Write(0x04, 2, 0x0007);

        Assert.Equal(0u, initial); // emulated IO/MEM start cleared whatever the host has
        Assert.Equal(0x0003u, hostAfterClear); // the device keeps its decoding
        Assert.Equal(0x0007u, guest.Read(0x04, 2));
        Assert.Equal(0x0007u, host.Read(0x04, 2)); // bus master reached the device
    }

    [Fact]
    public void Must_show_status_errors_and_clear_them_on_the_device_only_by_writing_ones()
    {
        var host = PassThroughDevices.WithStatusBits(PassThroughDevices.RichNic(), 0x8000);
        var guest = new VirtualConfigSpace(host);

        var seen = guest.Read(0x06, 2);
        guest.Write(0x06, 2, 0x0000);
        var afterZero = host.Read(0x06, 2);
        guest.Write(0x06, 2, 0x8000);

        Assert.Equal(0x8010u, seen);
        Assert.Equal(0x8010u, afterZero);
        Assert.Equal(0x0010u, host.Read(0x06, 2));
    }

    [Fact]
    public void Must_answer_bar_sizing_from_the_virtual_bar_and_never_write_the_physical_one()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        guest.Write(0x10, 4, 0xffffffff);
        var sized = guest.Read(0x10, 4);
        guest.Write(0x10, 4, 0xe0000000);

        Assert.Equal(0xfffe0000u, sized);
        Assert.Equal(0xe0000000u, guest.Read(0x10, 4));
        Assert.Equal(0xfebc0000u, host.Read(0x10, 4));
        Assert.Equal(0xe0000000UL, guest.Bars.Single(b => b.Index == 0).GuestAddress);
    }

    [Theory]
    [InlineData(0x18, 0xffffffe1u)] // I/O, 32 bytes
    [InlineData(0x1c, 0xffffc000u)] // 16 KiB MMIO
    [InlineData(0x20, 0xfff0000cu)] // 1 MiB, 64-bit, prefetchable: low half
    [InlineData(0x24, 0xffffffffu)] // high half
    public void Must_size_every_kind_of_virtual_bar(int offset, uint expected)
    {
        var guest = new VirtualConfigSpace(PassThroughDevices.RichNic());

        guest.Write(offset, 4, 0xffffffff);

        Assert.Equal(expected, guest.Read(offset, 4));
    }

    [Fact]
    public void Must_round_small_mmio_bars_up_to_a_page()
    {
        var guest = new VirtualConfigSpace(Building.SyntheticDevices.SimpleNic()[0]!);

        guest.Write(0x14, 4, 0xffffffff);

        Assert.Equal(0xfffff000u, guest.Read(0x14, 4));
        Assert.Equal(0x1000UL, guest.Bars.Single(b => b.Index == 1).EmulatedSize);
    }

    [Fact]
    public void Must_flag_the_page_offset_mismatch_of_a_non_page_aligned_host_bar()
    {
        var usb0 = Building.SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true)[0]!;
        var guest = new VirtualConfigSpace(usb0);

        guest.Write(0x10, 4, 0xe0001400);

        var bar = guest.Bars.Single(b => b.Index == 0);
        Assert.Equal(0xe0001000UL, bar.GuestAddress); // page offset bits are read-only in the guest
        Assert.True(bar.PageOffsetMismatch);
    }

    [Fact]
    public void Must_refuse_power_states_the_device_does_not_support()
    {
        var host = PassThroughDevices.RichNic(); // D2 supported, D1 not
        var guest = new VirtualConfigSpace(host);

        guest.Write(0x44, 2, 0x0001);
        var afterD1 = guest.Read(0x44, 2);
        guest.Write(0x44, 2, 0x0002);

        Assert.Equal(0x0008u, afterD1); // still D0, No_Soft_Reset
        Assert.Equal(0x000au, guest.Read(0x44, 2));
        var refused = Assert.Single(guest.Events);
        Assert.Equal(ConfigSpaceEventKind.PowerStateRefused, refused.Kind);
        Assert.Contains("refused transition to D1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_hide_pme_support_but_show_d1_d2_support_in_pmc()
    {
        var guest = new VirtualConfigSpace(PassThroughDevices.RichNic());

        Assert.Equal(0x0403u, guest.Read(0x42, 2)); // host 0xcc03: PME bits emulated to 0, D2 passes
    }

    [Fact]
    public void Must_emulate_msi_address_and_data_and_pass_only_the_enable_bit()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        var control = guest.Read(0x62, 2);
        guest.Write(0x64, 4, 0xfee00000);
        guest.Write(0x6c, 2, 0x4041);
        guest.Write(0x62, 2, 0x0071); // enable + ask for 8 vectors

        Assert.Equal(0x0080u, control); // 64-bit shown, multiple-message capable hidden
        Assert.Equal(0xfee00000u, guest.Read(0x64, 4));
        Assert.Equal(0u, host.Read(0x64, 4));
        Assert.Equal(0x4041u, guest.Read(0x6c, 2));
        Assert.Equal(0x0085u, host.Read(0x62, 2)); // enable reached the device, its own MMC bits kept
    }

    [Fact]
    public void Must_hide_function_level_reset_from_the_guest()
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);

        Assert.NotEqual(0u, host.Read(0x88, 4) & 0x10000000);
        Assert.Equal(0u, guest.Read(0x88, 4) & 0x10000000);
        Assert.Equal(0x2810u, guest.Read(0x8c, 2));
    }

    [Fact]
    public void Must_refuse_pcie_ports_that_are_not_endpoints()
    {
        var port = new Building.PciFunctionBuilder(new PciAddress(0, 0, 1, 0))
            .Identity(0x8086, 0x1901, 0x060400).PciExpress(version: 2, deviceType: 4).Build();

        var e = Assert.Throws<NotSupportedException>(() => new VirtualConfigSpace(port));

        Assert.Contains("device/port type 0x4 cannot be passed through", e.Message, StringComparison.Ordinal);
    }
}
