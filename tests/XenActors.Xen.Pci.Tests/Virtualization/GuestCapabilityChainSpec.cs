using XenActors.Xen.Pci.Building;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

/// <summary>Counterexamples VirtualConfigSpaceProperties found: chains the guest must not see as the host has them.</summary>
public class GuestCapabilityChainSpec
{
    private static PciFunctionBuilder Device() => new PciFunctionBuilder(new PciAddress(0, 6, 0, 0)).Identity(0x1af4, 0x1041, 0x020000);

    private static PciFunction Reimported(PciFunction f, Action<byte[]> corrupt)
    {
        var config = f.CopyConfigSpace();
        corrupt(config);
        return PciFunctionImport.FromConfigSpace(f.Address, config, f.Description);
    }

    private static IReadOnlyList<(byte Id, int Offset)> Chain(PciFunction host) =>
        [.. new VirtualConfigSpace(host).GuestCapabilities.Select(c => (c.Id, c.Offset))];

    [Fact]
    public void Must_hide_a_second_capability_with_a_taken_id_so_its_raw_pointer_cannot_lead_to_a_hidden_one()
    {
        // VNDR@40 -> VNDR@48 -> PCI-X@50: only the first vendor capability has a group; the second's raw next pointer
        // used to show the guest PCI-X's slot (reading as capability 0).
        var host = Device().VendorSpecific(8).VendorSpecific(8).RawCapability(PciCapabilityIds.PciX, 0x18).Msi().Build();
        Assert.Equal([(PciCapabilityIds.VendorSpecific, 0x40), (PciCapabilityIds.Msi, 0x68)], Chain(host));
    }

    [Fact]
    public void Must_end_the_guest_chain_where_the_host_chain_loops()
    {
        var built = Device().PowerManagement().Msi().Build();
        var host = Reimported(built, c => c[0x48 + 1] = 0x40); // MSI@48 points back at PM@40
        Assert.Equal([(PciCapabilityIds.PowerManagement, 0x40), (PciCapabilityIds.Msi, 0x48)], Chain(host));
        var guest = new VirtualConfigSpace(host);
        Assert.Equal(0u, guest.Read(0x49, 1));
    }

    [Fact]
    public void Must_give_the_guest_dword_aligned_pointers_when_the_host_sets_the_reserved_low_bits()
    {
        var host = Reimported(Device().PowerManagement().Build(), c => c[PciConfigRegisters.CapabilityList] = 0x42);
        Assert.Equal(0x40u, new VirtualConfigSpace(host).Read(PciConfigRegisters.CapabilityList, 1));
    }
}
