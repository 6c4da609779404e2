using XenActors.Xen.Pci.Lspci;
using XenActors.Xen.Pci.Tests.Support;

namespace XenActors.Xen.Pci.Tests.Lspci;

public class LspciDumpCodecSpec
{
    public static TheoryData<string> FixtureNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.LspciDumps()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Must_write_back_every_fixture_byte_for_byte(string name)
    {
        var text = Fixtures.Read(name);

        Assert.Equal(text, LspciDumpCodec.Write(LspciDumpCodec.Parse(text)));
    }

    [Fact]
    public void Must_find_all_six_fixtures()
    {
        Assert.Equal(6, Fixtures.LspciDumps().Count());
    }

    [Fact]
    public void Must_read_a_4096_byte_dump_with_three_digit_offsets()
    {
        var entry = Assert.Single(LspciDumpCodec.Parse(Fixtures.Read("00_00_0.xxxx.txt")));

        Assert.Equal(4096, entry.Length);
        Assert.Equal("Host bridge: Intel Corporation Device 0d57", entry.Description);
        var f = entry.ToFunction();
        Assert.Equal((ushort)0x8086, f.VendorId);
        Assert.Equal((ushort)0x0d57, f.DeviceId);
        Assert.Equal(0x060000, f.ClassCode);
    }

    [Fact]
    public void Must_import_the_virtio_net_identity_bars_and_capabilities()
    {
        var f = Assert.Single(LspciDumpCodec.Parse(Fixtures.Read("00_03_0.xxxx.txt"))).ToFunction();

        Assert.Equal(new PciAddress(0, 0, 3, 0), f.Address);
        Assert.Equal(((ushort)0x1af4, (ushort)0x1041, 0x020000, (byte)1), (f.VendorId, f.DeviceId, f.ClassCode, f.Revision));
        var bar = Assert.Single(f.Bars);
        Assert.Equal((PciBarKind.Memory64, 0x40_0010_0000UL), (bar.Kind, bar.Address));
        Assert.Equal([0x09, 0x09, 0x09, 0x09, 0x09, 0x11], f.Capabilities.Select(c => (int)c.Id));
        Assert.Equal(0x98, f.FindCapability(PciCapabilityIds.MsiX)!.Value.Offset);
        Assert.Equal(256, f.KnownLength);
    }

    [Fact]
    public void Must_read_several_devices_from_one_dump_and_write_them_back()
    {
        var text = string.Concat(Fixtures.LspciDumps().Select(Fixtures.Read));

        var entries = LspciDumpCodec.Parse(text);

        Assert.Equal(6, entries.Count);
        Assert.Equal(text, LspciDumpCodec.Write(entries));
        Assert.Equal(6, LspciDumpCodec.ReadInventory(text).Count);
    }

    [Fact]
    public void Must_refuse_an_offset_out_of_sequence_and_name_the_line()
    {
        var text = Fixtures.Read("00_01_0.xxxx.txt").Replace("20: ", "30: ", StringComparison.Ordinal);

        var e = Assert.Throws<LspciFormatException>(() => LspciDumpCodec.Parse(text));

        Assert.Equal(4, e.Line);
        Assert.Contains("offset 30 out of sequence; expected 20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_a_device_whose_dump_is_not_64_256_or_4096_bytes()
    {
        var lines = Fixtures.Read("00_01_0.xxxx.txt").Split('\n');
        var truncated = string.Join('\n', lines.Take(6)) + "\n\n";

        var e = Assert.Throws<LspciFormatException>(() => LspciDumpCodec.Parse(truncated));

        Assert.Contains("has 80 bytes; lspci dumps 64, 256 or 4096", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_hex_lines_before_any_device_header()
    {
        var e = Assert.Throws<LspciFormatException>(() => LspciDumpCodec.Parse("00: 86 80\n"));

        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Must_refuse_a_byte_that_is_not_two_hex_digits()
    {
        var text = Fixtures.Read("00_02_0.xxxx.txt").Replace("00: f4", "00: g4", StringComparison.Ordinal);

        var e = Assert.Throws<LspciFormatException>(() => LspciDumpCodec.Parse(text));

        Assert.Contains("byte 0 at offset 0 is not two hex digits", e.Message, StringComparison.Ordinal);
    }
}
