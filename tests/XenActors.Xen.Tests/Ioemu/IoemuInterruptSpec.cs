using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>INTx, MSI and MSI-X of a passed-through function, delivered to the vCPU the guest programmed.</summary>
public sealed class IoemuInterruptSpec : TestKit.TestKit
{
    private static readonly PciAddress Host = new(0, 3, 0, 0);
    private static readonly PciAddress Guest = new(0, 0, 4, 0);

    private async Task<(HvmRig Rig, int Msi, int Msix)> Nic(InterruptDeliveryPolicy policy = InterruptDeliveryPolicy.Vcpu0ThenRedirect)
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.DualPortNic()]), delivery: policy);
        await rig.Attached(Host, 4);
        var f = rig.HostDevices.Get(Host);
        return (rig, f.FindCapability(PciCapabilityIds.Msi)!.Value.Offset, f.FindCapability(PciCapabilityIds.MsiX)!.Value.Offset);
    }

    [Theory]
    [InlineData(InterruptDeliveryPolicy.Vcpu0ThenRedirect, true)]
    [InlineData(InterruptDeliveryPolicy.GuestSpecified, false)]
    public async Task Must_deliver_MSI_to_the_vCPU_in_the_guests_message_address(InterruptDeliveryPolicy policy, bool redirected)
    {
        var (rig, msi, _) = await Nic(policy);
        await rig.Write(Guest, msi + 4, 4, 0xfee0_2000); // destination ID 2
        await rig.Write(Guest, msi + 0x0c, 2, 0x0041);
        await rig.Write(Guest, msi + 2, 2, 0x0001); // enable

        var reply = await rig.Ask<InterruptReply>(new DeviceInterrupt(Host, InterruptKind.Msi));

        var delivery = Assert.Single(reply.Deliveries);
        Assert.Equal(2, delivery.Vcpu);
        Assert.Equal(redirected, delivery.Redirected);
        Assert.Equal(redirected ? 1 : 0, (await rig.Platform.InterruptStats(rig.GuestDomid, null)).Value.Redirections);
    }

    [Fact]
    public async Task Must_deliver_MSI_X_entries_programmed_through_the_trapped_table()
    {
        var (rig, _, msix) = await Nic();
        await rig.Write(Guest, 0x1c, 4, 0xc010_0000); // BAR3 holds the table (offset 0) and the PBA (offset 0x2000)
        await rig.Write(Guest, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandMemory);
        await rig.Write(Guest, msix + 2, 2, 0x8000); // MSI-X enable

        var entry1 = 0xc010_0000UL + 16;
        var addr = await rig.Mmio(entry1, 4, write: true, value: 0xfee0_3000); // destination ID 3
        await rig.Mmio(entry1 + 8, 4, write: true, value: 0x51);
        var masked = await rig.Ask<InterruptReply>(new DeviceInterrupt(Host, InterruptKind.MsiX, 1));
        await rig.Mmio(entry1 + 12, 4, write: true, value: 0); // unmask
        var reply = await rig.Ask<InterruptReply>(new DeviceInterrupt(Host, InterruptKind.MsiX, 1));

        Assert.Equal(MmioTarget.MsixTable, addr.Target);
        Assert.Equal("0000:03:00.0: MSI-X entry 1 is masked or MSI-X is disabled", masked.NotDelivered);
        Assert.Equal(3, Assert.Single(reply.Deliveries).Vcpu);
        Assert.Equal(MmioTarget.Device, (await rig.Mmio(0xc010_2000, 4)).Target); // the PBA page is mapped straight through
        Assert.False((await rig.Platform.TranslateMmio(rig.GuestDomid, 0xc010_0000)).IsSuccess); // the table page never is
    }

    [Fact]
    public async Task Must_deliver_INTx_to_the_vCPU_of_its_IO_APIC_entry_and_refuse_when_the_guest_disabled_it()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]));
        var host = new PciAddress(0, 0, 4, 0);
        await rig.Attached(host, 4);

        var set = await rig.Ask<OperationReply>(new GuestSetIntxDestination(Guest, 1));
        var reply = await rig.Ask<InterruptReply>(new DeviceInterrupt(host, InterruptKind.Gsi));
        await rig.Write(Guest, PciConfigRegisters.Command, 2, PciConfigRegisters.CommandIntxDisable);
        var disabled = await rig.Ask<InterruptReply>(new DeviceInterrupt(host, InterruptKind.Gsi));

        Assert.True(set.Ok, set.Message);
        var delivery = Assert.Single(reply.Deliveries);
        Assert.Equal((1, 11), (delivery.Vcpu, delivery.Pirq));
        Assert.Equal("0000:00:04.0: INTx disabled by the guest (Command bit 10)", disabled.NotDelivered);
        Assert.Empty(disabled.Deliveries);
    }
}
