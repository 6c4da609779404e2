using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Tests.Hypervisor;

public class SbdfSpec
{
    [Theory]
    [InlineData("0000:00:1d.0", 0, 0, 0x1d, 0)]
    [InlineData("01:00.7", 0, 1, 0, 7)]
    [InlineData("abcd:ff:1f.3", 0xabcd, 0xff, 0x1f, 3)]
    public void Must_parse_the_bdf_forms_the_tools_print(string text, int segment, int bus, int device, int function)
    {
        Assert.True(Sbdf.TryParse(text, out var sbdf));
        Assert.Equal(new Sbdf((ushort)segment, (byte)bus, (byte)device, (byte)function), sbdf);
    }

    [Theory]
    [InlineData("00:20.0")]
    [InlineData("00:00.8")]
    [InlineData("1:2:3:4.0")]
    [InlineData("00:1d")]
    [InlineData("")]
    public void Must_refuse_out_of_range_or_malformed_addresses(string text) => Assert.False(Sbdf.TryParse(text, out _));

    [Fact]
    public void Must_format_canonically_and_pack_devfn()
    {
        var sbdf = Sbdf.Parse("03:1d.2");
        Assert.Equal("0000:03:1d.2", sbdf.ToString());
        Assert.Equal((0x1d << 3) | 2, sbdf.Devfn);
        Assert.Equal(sbdf, Sbdf.FromDevfn(0, 3, sbdf.Devfn));
    }
}
