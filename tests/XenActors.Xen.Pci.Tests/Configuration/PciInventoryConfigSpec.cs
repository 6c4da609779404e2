using XenActors.Xen.Pci.Configuration;
using XenActors.Xen.Pci.Tests.Support;

namespace XenActors.Xen.Pci.Tests.Configuration;

public class PciInventoryConfigSpec
{
    [Fact]
    public void Must_bind_the_documented_sample_inventory()
    {
        var host = PciInventoryConfig.Load(Fixtures.PathOf("inventory.sample.json"));

        Assert.Equal(9, host.Count);
        Assert.NotNull(host.Get(PciAddress.Parse("00:1d.0")).FindNonPageAlignedMmioBar());
        var gpu = host.Get(PciAddress.Parse("0000:05:00.0"));
        Assert.Equal(((ushort)0x10de, (ushort)0x1db4, 0x030200, (byte)0xa1), (gpu.VendorId, gpu.DeviceId, gpu.ClassCode, gpu.Revision));
        Assert.Equal(
            [(0, PciBarKind.Memory32, false, 0x100_0000UL), (1, PciBarKind.Memory64, true, 0x4_0000_0000UL), (3, PciBarKind.Memory64, true, 0x200_0000UL)],
            gpu.Bars.Select(b => (b.Index, b.Kind, b.Prefetchable, b.Size)));
        Assert.Equal([0x01, 0x05, 0x10, 0x0d], gpu.Capabilities.Select(c => (int)c.Id));
        Assert.Equal([0x0001, 0x0003], gpu.ExtendedCapabilities.Select(c => (int)c.Id));
    }

    [Fact]
    public void Must_name_the_entry_and_the_problem_of_a_bad_bar()
    {
        const string json = """{ "functions": [ { "address": "01:00.0", "vendor": "8086", "device": "10d3", "class": "020000", "bars": [ { "index": 0, "kind": "mem32", "size": "3000", "address": "0" } ] } ] }""";

        var e = Assert.Throws<PciInventoryConfigException>(() => PciInventoryConfig.Parse(json));

        Assert.StartsWith("PCI inventory functions[0]: BAR0 size 0x3000 is not a power of two", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_a_misspelt_key_rather_than_ignore_it()
    {
        var e = Assert.Throws<PciInventoryConfigException>(() => PciInventoryConfig.Parse("""{ "preset": [] }"""));

        Assert.Contains("preset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_an_unknown_preset_kind()
    {
        var e = Assert.Throws<PciInventoryConfigException>(() => PciInventoryConfig.Parse("""{ "presets": [ { "kind": "gpu", "slot": "00:02" } ] }"""));

        Assert.Equal("PCI inventory presets[0]: kind 'gpu' is not one of usb-controller-set, dual-port-nic, simple-nic", e.Message);
    }

    [Fact]
    public void Must_load_lspci_dumps_named_relative_to_the_config_file()
    {
        var dir = Directory.CreateTempSubdirectory("xa-inventory-");
        try
        {
            File.Copy(Fixtures.PathOf("00_03_0.xxxx.txt"), Path.Combine(dir.FullName, "net.txt"));
            var config = Path.Combine(dir.FullName, "inventory.json");
            File.WriteAllText(config, """{ "presets": [ { "kind": "simple-nic", "slot": "00:04" } ], "lspciDumps": [ "net.txt" ] }""");

            var host = PciInventoryConfig.Load(config);

            Assert.Equal(["0000:00:03.0", "0000:00:04.0"], host.Functions.Select(f => f.Address.ToString()));
            Assert.Equal("Ethernet controller: Red Hat, Inc. Virtio 1.0 network device (rev 01)", host.Get(PciAddress.Parse("00:03.0")).Description);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Must_refuse_a_preset_that_collides_with_another_device()
    {
        var e = Assert.Throws<PciInventoryConfigException>(() => PciInventoryConfig.Parse(
            """{ "presets": [ { "kind": "simple-nic", "slot": "00:04" }, { "kind": "dual-port-nic", "slot": "00:04" } ] }"""));

        Assert.Contains("PCI function 0000:00:04.0 appears twice", e.Message, StringComparison.Ordinal);
    }
}
