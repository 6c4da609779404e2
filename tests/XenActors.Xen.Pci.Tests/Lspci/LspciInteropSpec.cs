using XenActors.TestKit.Tools;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Tests.Support;

namespace XenActors.Xen.Pci.Tests.Lspci;

/// <summary>Our dumps against the real pciutils lspci (-F reads a dump file instead of the bus).</summary>
public class LspciInteropSpec
{
    public static TheoryData<string> FixtureNames() => LspciDumpCodecSpec.FixtureNames();

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Must_agree_with_real_lspci_on_every_unmodified_fixture_byte_for_byte(string name)
    {
        var text = Fixtures.Read(name);

        var lspci = LspciTool.RunOnFile(Fixtures.PathOf(name), "-xxxx");

        Assert.Equal(text, lspci);
        Assert.Equal(lspci, LspciDumpCodec.Write(LspciDumpCodec.Parse(text)));
    }

    [Fact]
    public void Must_export_a_synthetic_multi_function_device_that_real_lspci_reads_back_identically()
    {
        var dump = LspciDumpCodec.Write(SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true).Functions);

        Assert.Equal(dump, LspciTool.Run(dump, "-xxxx"));
    }

    [Fact]
    public void Must_export_the_dual_port_nic_so_real_lspci_decodes_ids_bars_and_capabilities()
    {
        var nic = SyntheticDevices.DualPortNic()[0]!;

        var text = LspciTool.Run(LspciDumpCodec.Write([nic]), "-vvv");

        Assert.StartsWith("03:00.0 Ethernet controller: Intel Corporation 82576 Gigabit Network Connection (rev 01)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 0: Memory at f7c00000 (32-bit, non-prefetchable)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 2: I/O ports at d000\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 3: Memory at f7d00000 (32-bit, non-prefetchable)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [40] Power Management version 3\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [48] MSI: Enable- Count=1/1 Maskable+ 64bit+\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [60] MSI-X: Enable- Count=10 Masked-\n\t\tVector table: BAR=3 offset=00000000\n\t\tPBA: BAR=3 offset=00002000\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [6c] Express (v2) Endpoint, MSI 00\n", text, StringComparison.Ordinal);
        Assert.Contains("FLReset+", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [100 v2] Advanced Error Reporting\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [148 v1] Device Serial Number 00-1b-21-ff-ff-0a-0b-0c\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_show_the_non_page_aligned_mmio_bar_of_the_usb_controller_to_real_lspci()
    {
        var usb0 = SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true)[0]!;

        var text = LspciTool.Run(LspciDumpCodec.Write([usb0]), "-vvv");

        Assert.Contains("\tRegion 0: Memory at febff400 (32-bit, non-prefetchable)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 4: I/O ports at e000\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_write_domains_that_real_lspci_parses_when_a_domain_is_not_zero()
    {
        var dump = LspciDumpCodec.Write(SyntheticDevices.DualPortNic(domain: 1).Functions);

        var text = LspciTool.Run(dump, "-n");

        Assert.Equal("0001:03:00.0 0200: 8086:10c9 (rev 01)\n0001:03:00.1 0200: 8086:10c9 (rev 01)\n", text);
    }
}
