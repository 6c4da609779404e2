using System.Text.Json;
using XenActors.Hosting.XenWire;
using XenActors.Xen.Pci;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>A PCI function address travels as the string xenstore writes, and a bad one is refused by name.</summary>
public sealed class PciAddressJsonConverterSpec
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new PciAddressJsonConverter() } };

    [Fact]
    public void Must_write_and_read_an_address_as_the_xenstore_string()
    {
        Assert.Equal("\"0001:03:1d.7\"", JsonSerializer.Serialize(new PciAddress(1, 3, 0x1d, 7), Options));
        Assert.Equal(new PciAddress(0, 0, 0x1d, 0), JsonSerializer.Deserialize<PciAddress>("\"00:1d.0\"", Options));
    }

    [Theory]
    [InlineData("\"0000:00:1d.8\"", "malformed PCI address '0000:00:1d.8'")]
    [InlineData("\"0000:00:20.0\"", "malformed PCI address '0000:00:20.0'")]
    [InlineData("\"bus\"", "malformed PCI address 'bus'")]
    [InlineData("\"\"", "malformed PCI address ''")]
    [InlineData("{}", "a PCI address must be a string like 0000:00:1d.0")]
    [InlineData("29", "a PCI address must be a string like 0000:00:1d.0")]
    [InlineData("null", "a PCI address must be a string like 0000:00:1d.0")]
    public void Must_refuse_a_bad_PCI_address_saying_what_it_expected(string json, string message) =>
        Assert.Equal(message, Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PciAddress>(json, Options)).Message);
}
