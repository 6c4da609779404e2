using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>Guest configuration, MMIO and port accesses through ioemu.</summary>
public sealed class IoemuConfigSpaceSpec : TestKit.TestKit
{
    private static readonly PciAddress Nic = new(0, 0, 4, 0);
    private static readonly PciAddress GuestNic = new(0, 0, 4, 0);

    [Fact]
    public async Task Must_serve_guest_config_reads_through_the_virtual_config_space_with_hidden_capabilities_gone()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.UsbControllerSet()]));
        await rig.Attached(new PciAddress(0, 0, 0x1d, 0), 9);
        var guest = new PciAddress(0, 0, 9, 0);

        Assert.Equal(0x2934_8086u, await rig.Read(guest, 0, 4));
        Assert.Equal(0u, await rig.Read(guest, PciConfigRegisters.CapabilityList, 1)); // the only capability (0x13) is hidden
        Assert.Equal(0u, await rig.Read(guest, PciConfigRegisters.Status, 2) & PciConfigRegisters.StatusCapList);
        Assert.Equal(uint.MaxValue, await rig.Read(new PciAddress(0, 0, 10, 0), 0, 4)); // empty slot: master abort
        var offByOne = await rig.Ask<ConfigAccessReply>(new GuestConfigRead(guest, 0xff, 1));
        Assert.False(offByOne.Ok); // QEMU's check refuses 0xff
    }

    [Fact]
    public async Task Must_map_a_programmed_BAR_page_by_page_and_never_write_the_physical_BAR()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.DualPortNic()]));
        var host = new PciAddress(0, 3, 0, 0);
        await rig.Attached(host, 4);
        var physicalBar0 = rig.HostDevices.Get(host).Read(PciConfigRegisters.BaseAddress0, 4);

        Assert.Equal(0xfffe_0000u, await Size(rig, PciConfigRegisters.BaseAddress0));
        await rig.Write(GuestNic, PciConfigRegisters.BaseAddress0, 4, 0xc000_0000);
        Assert.Equal(Target.Unassigned, Classify(await rig.Mmio(0xc000_0010, 4))); // memory decoding still off
        var enable = await rig.Write(GuestNic, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandMemory);

        Assert.Empty(enable.Notes);
        var first = await rig.Mmio(0xc000_0010, 4, write: true, value: 0xabcd);
        var last = await rig.Mmio(0xc001_fffc, 4);
        Assert.Equal(0xf7c0_0010UL, first.MachineAddress);
        Assert.Equal(0xf7c1_fffcUL, last.MachineAddress);
        Assert.Equal(0xabcdu, (await rig.Mmio(0xc000_0010, 4)).Value);
        Assert.Equal(physicalBar0, rig.HostDevices.Get(host).Read(PciConfigRegisters.BaseAddress0, 4));

        await rig.Write(GuestNic, PciConfigRegisters.BaseAddress0, 4, 0xd000_0000); // the guest moves the BAR
        Assert.Equal(Target.Unassigned, Classify(await rig.Mmio(0xc000_0010, 4)));
        Assert.Equal(0xf7c0_0010UL, (await rig.Mmio(0xd000_0010, 4)).MachineAddress);
    }

    [Fact]
    public async Task Must_reach_the_extended_space_through_MMCFG_only()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.DualPortNic()]));
        await rig.Attached(new PciAddress(0, 3, 0, 0), 4);
        var mmcfg = rig.Options.MmcfgBase + (4UL << 15);

        var viaCf8 = await rig.Ask<ConfigAccessReply>(new GuestConfigRead(GuestNic, 0x100, 4));
        var header = await rig.Mmio(mmcfg + 0x100, 4);
        var vendor = await rig.Mmio(mmcfg, 4);

        Assert.False(viaCf8.Ok);
        Assert.Equal("config offset 0x100 is beyond the 256 bytes 0xCF8/0xCFC reaches; use MMCFG", Assert.Single(viaCf8.Notes));
        Assert.Equal(MmioTarget.ConfigSpace, header.Target);
        Assert.Equal(PciCapabilityIds.ExtAer, header.Value & 0xffff);
        var next = (int)(header.Value >> 20);
        Assert.Equal(PciCapabilityIds.ExtDsn, (await rig.Mmio(mmcfg + (ulong)next, 4)).Value & 0xffff);
        Assert.Equal(0x10c9_8086u, vendor.Value);
    }

    [Fact]
    public async Task Must_trap_port_IO_and_forward_it_to_the_machine_port()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]));
        await rig.Attached(Nic, 4);
        await rig.Write(GuestNic, PciConfigRegisters.BaseAddress0, 4, 0x2000);
        await rig.Write(GuestNic, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandIo);

        var write = await rig.Port(0x2004, 4, write: true, value: 0x1234_5678);
        var read = await rig.Port(0x2004, 4);
        var outside = await rig.Port(0x2100, 1);

        Assert.Equal(PortTarget.Device, write.Target);
        Assert.Equal(0xc004, write.MachinePort);
        Assert.Equal(0x1234_5678u, read.Value);
        Assert.Equal(PortTarget.Unassigned, outside.Target);
        Assert.Equal(0xffu, outside.Value);
    }

    private static async Task<uint> Size(HvmRig rig, int bar)
    {
        await rig.Write(GuestNic, bar, 4, uint.MaxValue);
        var size = await rig.Read(GuestNic, bar, 4);
        await rig.Write(GuestNic, bar, 4, 0);
        return size;
    }

    private enum Target { Unassigned, Other }

    private static Target Classify(MmioAccessReply reply) => reply.Target == MmioTarget.Unassigned ? Target.Unassigned : Target.Other;
}
