using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

public class PermissiveModeSpec
{
    private static (PciFunction Host, VirtualConfigSpace Guest) Run(bool permissive)
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host, new VirtualConfigSpaceOptions { Permissive = permissive });
        guest.Write(0xf0, 4, 0x11223344);      // device-specific bytes outside every group
        guest.Write(0xf4, 4, 0x55667788);      // a second unknown write
        guest.Write(0x04, 2, 0x0804);          // bus master + reserved bit 11
        guest.Write(0x7a, 2, 0xf800);          // MSI-X: enable, mask-all and reserved 13:11
        return (host, guest);
    }

    [Fact]
    public void Must_drop_unknown_writes_and_reserved_bits_with_one_warning_when_not_permissive()
    {
        var (host, guest) = Run(permissive: false);

        Assert.Equal(0u, host.Read(0xf0, 4));
        Assert.Equal(0u, host.Read(0xf4, 4));
        Assert.Equal(0x0007u, host.Read(0x04, 2));
        Assert.Equal(0xc004u, host.Read(0x7a, 2));
        var warning = Assert.Single(guest.Events);
        Assert.Equal(ConfigSpaceEventKind.WriteInhibited, warning.Kind);
        Assert.Contains("Write-back to unknown field 0xf0 (partially) inhibited", warning.Message, StringComparison.Ordinal);
        Assert.Contains("try enabling permissive mode", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_pass_unknown_writes_and_reserved_bits_with_one_warning_when_permissive()
    {
        var (host, guest) = Run(permissive: true);

        Assert.Equal(0x11223344u, host.Read(0xf0, 4));
        Assert.Equal(0x55667788u, host.Read(0xf4, 4));
        Assert.Equal(0x0807u, host.Read(0x04, 2));
        Assert.Equal(0xf804u, host.Read(0x7a, 2));
        Assert.Equal(ConfigSpaceEventKind.PermissiveWritePassedThrough, Assert.Single(guest.Events).Kind);
    }

    [Fact]
    public void Must_change_nothing_else_on_the_device_in_permissive_mode()
    {
        var (strict, _) = Run(permissive: false);
        var (permissive, _) = Run(permissive: true);

        var a = strict.CopyConfigSpace();
        var b = permissive.CopyConfigSpace();
        var differing = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToArray();

        Assert.Equal([0x05, 0x7b, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7], differing);
    }

    [Fact]
    public void Must_read_unknown_bytes_through_from_the_device()
    {
        var (host, guest) = Run(permissive: true);

        Assert.Equal(host.Read(0xf0, 4), guest.Read(0xf0, 4));
    }

    [Fact]
    public void Must_warn_when_the_guest_programs_an_unused_bar()
    {
        var guest = new VirtualConfigSpace(Building.SyntheticDevices.SimpleNic()[0]!);

        guest.Write(0x18, 4, 0xe0000000);

        Assert.Equal(ConfigSpaceEventKind.UnusedBarWrite, Assert.Single(guest.Events).Kind);
        Assert.Equal(0u, guest.Read(0x18, 4));
    }
}
