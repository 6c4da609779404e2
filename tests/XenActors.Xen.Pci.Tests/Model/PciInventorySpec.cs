using FsCheck;
using FsCheck.Fluent;
using XenActors.Xen.Pci.Building;

namespace XenActors.Xen.Pci.Tests.Model;

public class PciInventorySpec
{
    private static PciInventory Host() => new(
    [
        SyntheticDevices.UsbControllerSet(),
        SyntheticDevices.DualPortNic(),
        SyntheticDevices.SimpleNic(),
    ]);

    [Fact]
    public void Must_look_functions_up_by_address()
    {
        var host = Host();

        Assert.True(host.TryGet(PciAddress.Parse("0000:03:00.1"), out var f));
        Assert.Equal((ushort)0x10c9, f.DeviceId);
        Assert.False(host.Contains(PciAddress.Parse("00:1d.4")));
        var e = Assert.Throws<KeyNotFoundException>(() => host.Get(PciAddress.Parse("00:1f.0")));
        Assert.Equal("no PCI function 0000:00:1f.0 on this host", e.Message);
    }

    [Fact]
    public void Must_enumerate_slots_buses_and_slot_functions_in_address_order()
    {
        var host = Host();

        Assert.Equal(8, host.Count);
        Assert.Equal([(0, 0), (0, 3)], host.Buses);
        Assert.Equal(["0000:00:04", "0000:00:1d", "0000:03:00"], host.Devices.Select(d => d.Slot.ToString()));
        Assert.Equal([0, 1, 2, 3, 7], host.SlotFunctions(new PciSlotAddress(0, 0, 0x1d)).Select(f => f.Address.Function));
        Assert.Null(host.Device(new PciSlotAddress(0, 0, 0x1e)));
    }

    [Fact]
    public void Must_refuse_two_functions_at_one_address()
    {
        var e = Assert.Throws<ArgumentException>(() => new PciInventory([SyntheticDevices.SimpleNic(), SyntheticDevices.SimpleNic()]));

        Assert.Contains("PCI function 0000:00:04.0 appears twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_format_addresses_as_xenstore_writes_them_and_parse_them_back()
    {
        var gen = from d in Gen.Choose(0, 0xffff)
                  from b in Gen.Choose(0, 0xff)
                  from dev in Gen.Choose(0, 0x1f)
                  from fn in Gen.Choose(0, 7)
                  select new PciAddress(d, b, dev, fn);

        Prop.ForAll(gen.ToArbitrary(), a => PciAddress.Parse(a.ToString()) == a && a.ToString().Length == 12)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_order_addresses_by_domain_bus_device_function()
    {
        var sorted = new[] { "0001:00:00.0", "00:1d.7", "00:1d.0", "03:00.0" }.Select(PciAddress.Parse).Order().Select(a => a.ToString());

        Assert.Equal(["0000:00:1d.0", "0000:00:1d.7", "0000:03:00.0", "0001:00:00.0"], sorted);
    }

    [Fact]
    public void Must_pack_devfn_as_pciif_does()
    {
        var address = PciAddress.Parse("03:1d.2");

        Assert.Equal("0000:03:1d.2", address.ToString());
        Assert.Equal((0x1d << 3) | 2, address.Devfn);
    }

    [Theory]
    [InlineData("00:20.0")]
    [InlineData("00:1f.8")]
    [InlineData("1:2:3:4.0")]
    [InlineData("00:1f")]
    public void Must_refuse_a_malformed_bdf(string text)
    {
        var e = Assert.Throws<FormatException>(() => PciAddress.Parse(text));

        Assert.Contains($"malformed BDF '{text}'", e.Message, StringComparison.Ordinal);
    }
}
