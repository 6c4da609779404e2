using XenActors.TestKit.Tools;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>pci-dump: the guest's (or the host's) view rendered as lspci -xxxx text that the real lspci decodes.</summary>
public sealed class IoemuLspciSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_render_the_guest_view_of_an_imported_real_device_for_real_lspci()
    {
        var real = LspciDumpCodec.Parse(RealDevices.VirtioNet)[0].ToFunction();
        var rig = new HvmRig(Sys, new PciInventory([real]));
        await rig.Attached(real.Address, 6);
        var guest = new PciAddress(0, 0, 6, 0);
        await rig.Write(guest, 0x10, 4, 0xc000_0004);
        await rig.Write(guest, 0x14, 4, 0);
        await rig.Write(guest, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandMemory | PciConfigRegisters.CommandMaster);

        var dump = (await rig.Ask<PciViewDump>(new DumpPciView(Physical: false))).Text;
        var text = LspciTool.Run(dump, "-vvv");

        Assert.StartsWith("00:06.0 Ethernet controller: Red Hat, Inc. Virtio 1.0 network device (rev 01)", text, StringComparison.Ordinal);
        Assert.Contains("\tRegion 0: Memory at c0000000 (64-bit, non-prefetchable)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4000100000", text, StringComparison.Ordinal); // the host address stays hidden
        Assert.Contains("\tCapabilities: [40] Vendor Specific Information: VirtIO: CommonCfg", text, StringComparison.Ordinal);
        Assert.Contains("\tCapabilities: [98] MSI-X: Enable+ Count=3 Masked-", text, StringComparison.Ordinal);

        var physical = LspciTool.Run((await rig.Ask<PciViewDump>(new DumpPciView(Physical: true))).Text, "-v");
        Assert.Contains("Memory at 4000100000 (64-bit, non-prefetchable)", physical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_hide_capabilities_without_a_register_group_from_real_lspci()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.UsbControllerSet()]));
        await rig.Attach(new[] { 0, 7 }.Select(f => new PassThroughFunction(new PciAddress(0, 0, 0x1d, f), f)), 8);

        var text = LspciTool.Run((await rig.Ask<PciViewDump>(new DumpPciView(false))).Text, "-vvv");
        var host = LspciTool.Run((await rig.Ask<PciViewDump>(new DumpPciView(true))).Text, "-vvv");

        Assert.Contains("00:08.0 USB controller: Intel Corporation 82801I (ICH9 Family) USB UHCI Controller #1", text, StringComparison.Ordinal);
        Assert.Contains("00:08.7 USB controller: Intel Corporation 82801I (ICH9 Family) USB2 EHCI Controller #1", text, StringComparison.Ordinal);
        Assert.Contains("PCI Advanced Features", host, StringComparison.Ordinal);
        Assert.DoesNotContain("PCI Advanced Features", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Debug port", text, StringComparison.Ordinal);
        Assert.Contains("Power Management version", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_render_root_ports_and_the_PCIe_extended_space_of_a_native_hot_plug_guest()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.DualPortNic()]), o => new IoemuOptions(o) { Hotplug = HotplugMode.PcieNative });
        await rig.Attached(new PciAddress(0, 3, 0, 0), 5);

        var text = LspciTool.Run((await rig.Ask<PciViewDump>(new DumpPciView(false))).Text, "-vvv");

        Assert.Contains("00:05.0 PCI bridge: Intel Corporation 7500/5520/5500/X58 I/O Hub PCI Express Root Port 0", text, StringComparison.Ordinal);
        Assert.Contains("Bus: primary=00, secondary=05, subordinate=05", text, StringComparison.Ordinal);
        Assert.Contains("Express (v2) Root Port (Slot+)", text, StringComparison.Ordinal);
        Assert.Contains("AttnBtn+ PwrCtrl+", text, StringComparison.Ordinal);
        Assert.Contains("05:00.0 Ethernet controller: Intel Corporation 82576 Gigabit Network Connection", text, StringComparison.Ordinal);
        Assert.Contains("Capabilities: [100 v2] Advanced Error Reporting", text, StringComparison.Ordinal);
        Assert.Contains("Device Serial Number", text, StringComparison.Ordinal);
    }
}
