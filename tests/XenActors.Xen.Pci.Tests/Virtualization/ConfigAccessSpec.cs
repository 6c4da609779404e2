using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pci.Tests.Virtualization;

public class ConfigAccessSpec
{
    [Fact]
    public void Must_reject_a_byte_read_at_0xff_like_qemu_and_serve_it_when_asked_not_to()
    {
        var host = PassThroughDevices.RichNic();
        var qemu = new VirtualConfigSpace(host);
        var fixedCheck = new VirtualConfigSpace(host, new VirtualConfigSpaceOptions { QemuAddressCheck = false });

        Assert.Equal(ConfigAccessResult.OutOfRange, qemu.TryRead(0xff, 1, out _));
        Assert.Equal(0xffu, qemu.Read(0xff, 1));
        Assert.Equal(ConfigAccessResult.Ok, fixedCheck.TryRead(0xff, 1, out var value));
        Assert.Equal(0u, value);
    }

    [Theory]
    [InlineData(0x41, 2, ConfigAccessResult.Misaligned)]
    [InlineData(0x40, 3, ConfigAccessResult.InvalidSize)]
    [InlineData(0x100, 4, ConfigAccessResult.OutOfRange)]
    [InlineData(-4, 4, ConfigAccessResult.OutOfRange)]
    public void Must_reject_bad_accesses_and_leave_the_device_unchanged(int offset, int size, ConfigAccessResult expected)
    {
        var host = PassThroughDevices.RichNic();
        var guest = new VirtualConfigSpace(host);
        var before = host.CopyConfigSpace();

        var result = guest.Write(offset, size, 0xffffffff);

        Assert.Equal(expected, result);
        Assert.Equal(before, host.CopyConfigSpace());
        Assert.Equal(ConfigSpaceEventKind.AccessRejected, Assert.Single(guest.Events).Kind);
    }

    [Fact]
    public void Must_serve_extended_space_by_pass_through_only_when_asked()
    {
        var host = Building.SyntheticDevices.DualPortNic()[0]!;
        var pv = new VirtualConfigSpace(host, new VirtualConfigSpaceOptions { ServeExtendedSpace = true });

        Assert.Equal(host.Read(0x100, 4), pv.Read(0x100, 4));
        Assert.Equal(ConfigAccessResult.OutOfRange, new VirtualConfigSpace(host).TryRead(0x100, 4, out _));
    }
}
