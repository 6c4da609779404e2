using XenActors.TestKit.Tools;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Tests.Support;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>The guest's view, dumped and decoded by the real lspci as the guest's own lspci would show it.</summary>
public class GuestViewInteropSpec
{
    [Fact]
    public void Must_show_virtual_bars_msix_and_no_hidden_capability_to_real_lspci()
    {
        var guest = new VirtualConfigSpace(PassThroughDevices.RichNic());
        guest.Write(0x04, 2, 0x0006);
        guest.Write(0x10, 4, 0xe0000000);
        guest.Write(0x18, 4, 0x0000c100);
        guest.Write(0x1c, 4, 0xe0020000);
        guest.Write(0x20, 4, 0xe0100000);
        guest.Write(0x24, 4, 0x00000000);

        var text = LspciTool.Run(LspciDumpCodec.Write([guest.ToLspciEntry(new PciAddress(0, 0, 4, 0))]), "-vvv");

        Assert.StartsWith("00:04.0 Ethernet controller: Intel Corporation 82574L Gigabit Network Connection\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 0: Memory at e0000000 (32-bit, non-prefetchable)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 2: I/O ports at c100 [disabled]\n", text, StringComparison.Ordinal); // the guest left I/O decoding off
        Assert.Contains("\tRegion 4: Memory at e0100000 (64-bit, prefetchable)\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [40] Power Management version 3\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [60] MSI: Enable- Count=1/1 Maskable- 64bit+\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [78] MSI-X: Enable- Count=5 Masked-\n", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [84] Express (v2) Endpoint", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PCI-X", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[48]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[70]", text, StringComparison.Ordinal);
        Assert.Contains("FLReset-", text, StringComparison.Ordinal);
    }
}
