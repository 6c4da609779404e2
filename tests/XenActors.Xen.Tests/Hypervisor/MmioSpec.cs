using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class MmioSpec
{
    private const long BarMfn = 0xFEBF0;

    [Fact]
    public void Must_refuse_mapping_mmio_without_iomem_permission_with_EPERM()
    {
        var host = new Host();
        var guest = host.Guest("g", type: XenActors.Xen.Hypervisor.DomainType.Hvm);
        Assert.Equal(Errno.EPERM, host.Xen.MapMmio(guest, 0xF0000, BarMfn, 4).Errno);
        host.Xen.PermitIomem(guest, BarMfn, 2, allow: true).ThrowIfFailed();
        Assert.Equal(Errno.EPERM, host.Xen.MapMmio(guest, 0xF0000, BarMfn, 4).Errno);
        Assert.Equal(Errno.ENOENT, host.Xen.TranslateMmio(guest, 0xF0000000).Errno);
    }

    [Fact]
    public void Must_map_mmio_per_page_and_translate_keeping_the_page_offset()
    {
        var host = new Host();
        var guest = host.Guest("g");
        host.Xen.PermitIomem(guest, BarMfn, 4, allow: true).ThrowIfFailed();
        host.Xen.MapMmio(guest, 0xF0000, BarMfn, 4).ThrowIfFailed();
        Assert.Equal((ulong)(BarMfn + 2) << 12 | 0x18, host.Xen.TranslateMmio(guest, 0xF0002018).Value);
        Assert.Equal(BarMfn + 3, host.Xen.GuestToMachineFrame(guest, 0xF0003).Value);
        Assert.Equal(Errno.EBUSY, host.Xen.MapMmio(guest, 0xF0003, BarMfn, 1).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_unmap_mmio_and_refuse_unmapping_frames_that_are_not_mapped()
    {
        var host = new Host();
        var guest = host.Guest("g");
        host.Xen.PermitIomem(guest, BarMfn, 2, allow: true).ThrowIfFailed();
        host.Xen.MapMmio(guest, 0xF0000, BarMfn, 2).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.UnmapMmio(guest, 0xF0001, 2).Errno);
        Assert.True(host.Xen.TranslateMmio(guest, 0xF0001000).IsSuccess);
        host.Xen.UnmapMmio(guest, 0xF0000, 2).ThrowIfFailed();
        Assert.Equal(Errno.ENOENT, host.Xen.TranslateMmio(guest, 0xF0000000).Errno);
    }

    [Fact]
    public void Must_unmap_mmio_when_its_iomem_permission_is_revoked()
    {
        var host = new Host();
        var guest = host.Guest("g");
        host.Xen.PermitIomem(guest, BarMfn, 2, allow: true).ThrowIfFailed();
        host.Xen.MapMmio(guest, 0xF0000, BarMfn, 2).ThrowIfFailed();
        host.Xen.PermitIomem(guest, BarMfn + 1, 1, allow: false).ThrowIfFailed();
        Assert.True(host.Xen.TranslateMmio(guest, 0xF0000000).IsSuccess);
        Assert.Equal(Errno.ENOENT, host.Xen.TranslateMmio(guest, 0xF0001000).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_check_trapped_port_io_against_ioport_permissions()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.Equal(Errno.EPERM, host.Xen.CheckIoport(guest, 0xC000, 4).Errno);
        host.Xen.PermitIoports(guest, 0xC000, 0x20, allow: true).ThrowIfFailed();
        Assert.True(host.Xen.CheckIoport(guest, 0xC01C, 4).IsSuccess);
        Assert.Equal(Errno.EPERM, host.Xen.CheckIoport(guest, 0xC01E, 4).Errno);
        host.Xen.PermitIoports(guest, 0xC000, 0x20, allow: false).ThrowIfFailed();
        Assert.Equal(Errno.EPERM, host.Xen.CheckIoport(guest, 0xC000, 1).Errno);
        Assert.True(host.Xen.CheckIoport(0, 0xCF8, 4).IsSuccess);
    }

    [Fact]
    public void Must_refuse_empty_or_out_of_range_permission_ranges_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.Equal(Errno.EINVAL, host.Xen.PermitIoports(guest, 0xFFF0, 0x20, true).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.PermitIomem(guest, 5, 0, true).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.CheckIoport(guest, 0x60, 3).Errno);
    }

    [Fact]
    public void Must_drop_mmio_mappings_and_permissions_when_the_domain_is_destroyed()
    {
        var host = new Host();
        var guest = host.Guest("g");
        host.Xen.PermitIomem(guest, BarMfn, 1, allow: true).ThrowIfFailed();
        host.Xen.MapMmio(guest, 0xF0000, BarMfn, 1).ThrowIfFailed();
        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.Equal(Errno.ESRCH, host.Xen.TranslateMmio(guest, 0xF0000000).Errno);
        host.AssertSound();
    }
}
