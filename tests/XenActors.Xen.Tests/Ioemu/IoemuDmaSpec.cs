using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>DMA of a passed-through device at guest-physical addresses, translated by the IOMMU.</summary>
public sealed class IoemuDmaSpec : TestKit.TestKit
{
    private static readonly PciAddress Nic = new(0, 0, 4, 0);

    [Fact]
    public async Task Must_translate_guest_physical_DMA_through_the_IOMMU_into_guest_memory()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]));
        await rig.Attached(Nic, 4);
        byte[] packet = [1, 2, 3, 4, 5];

        var write = await rig.Ask<DmaReply>(new DeviceDma(Nic, 0x20_0000, packet, Write: true));
        var read = await rig.Ask<DmaReply>(new DeviceDma(Nic, 0x20_0000, new byte[5], Write: false));

        Assert.True(write.Ok, write.Fault);
        Assert.Equal(packet, read.Data);
        var inGuest = new byte[5];
        rig.Platform.Inspect(x => x.ReadGuestMemory(rig.GuestDomid, 0x20_0000, inGuest)).ThrowIfFailed();
        Assert.Equal(packet, inGuest);
    }

    [Fact]
    public async Task Must_fault_DMA_outside_guest_memory_report_it_and_write_nothing()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]));
        await rig.Attached(Nic, 4);

        var reply = await rig.Ask<DmaReply>(new DeviceDma(Nic, 0x1_0000_0000, [9, 9], Write: true));

        Assert.False(reply.Ok);
        Assert.Equal("IOMMU fault: 0000:00:04.0 write at 100000000 (OutsideOwnerMemory) owned by domain 1", reply.Fault);
        var fault = rig.Platform.Inspect(x => x.IommuFaults.Last());
        Assert.Equal(IommuFaultReason.OutsideOwnerMemory, fault.Reason);
        Assert.Equal(0x1_0000_0000UL, fault.Address);
    }

    [Fact]
    public async Task Must_warn_that_a_device_using_driver_given_physical_addresses_is_unsuitable_and_its_DMA_fails()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), unsuitable: [Nic]);

        var attached = await rig.Attached(Nic, 4);
        var dma = await rig.Ask<DmaReply>(new DeviceDma(Nic, 0x1000, [1], Write: true));

        Assert.Equal(
            "pci: 0000:00:04.0: unsuitable for pass-through: the device uses physical addresses from its driver for internal memory access, which the IOMMU does not translate",
            Assert.Single(attached.Warnings));
        Assert.False(dma.Ok);
        Assert.Contains("UntranslatedDriverAddress", dma.Fault, StringComparison.Ordinal);
    }
}
