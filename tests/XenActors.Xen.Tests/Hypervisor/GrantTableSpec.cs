using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class GrantTableSpec
{
    [Fact]
    public void Must_share_the_pci_op_page_between_frontend_and_backend()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var gref = host.Xen.GrantAccess(guest, 0, frame: 10, readOnly: false).Value;
        Assert.True(gref >= XenHypervisor.FirstGrantReference);

        // pcifront writes the op into its own page; pciback reads it through the mapping and answers.
        host.Xen.WriteGuestMemory(guest, (10UL << 12) + PciIf.OpCmdOffset, BitConverter.GetBytes((uint)PciOpCommand.ConfRead)).ThrowIfFailed();
        var mapping = host.Xen.MapGrant(0, guest, gref, readOnly: false).Value;
        Assert.Equal((uint)PciOpCommand.ConfRead, mapping.ReadUInt32(PciIf.OpCmdOffset).Value);
        mapping.WriteUInt32(PciIf.OpValueOffset, 0x8086).ThrowIfFailed();

        var answer = new byte[4];
        host.Xen.ReadGuestMemory(guest, (10UL << 12) + PciIf.OpValueOffset, answer).ThrowIfFailed();
        Assert.Equal(0x8086u, BitConverter.ToUInt32(answer));
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_a_map_by_a_domain_the_grant_does_not_name()
    {
        var host = new Host();
        var a = host.Guest("a");
        var b = host.Guest("b");
        var gref = host.Xen.GrantAccess(a, 0, 1, readOnly: false).Value;
        var refused = host.Xen.MapGrant(b, a, gref, readOnly: false);
        Assert.Equal(Errno.EPERM, refused.Errno);
        Assert.Equal(GrantStatus.PermissionDenied, refused.Error.GrantStatus);
    }

    [Fact]
    public void Must_refuse_a_writable_map_of_a_read_only_grant_and_faults_on_writes_through_a_read_only_map()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var gref = host.Xen.GrantAccess(guest, 0, 1, readOnly: true).Value;
        Assert.Equal(GrantStatus.PermissionDenied, host.Xen.MapGrant(0, guest, gref, readOnly: false).Error.GrantStatus);
        var mapping = host.Xen.MapGrant(0, guest, gref, readOnly: true).Value;
        Assert.Equal(Errno.EFAULT, mapping.WriteUInt32(0, 1).Errno);
        Assert.True(mapping.ReadUInt32(0).IsSuccess);
    }

    [Fact]
    public void Must_refuse_an_unknown_reference_or_domain()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.Equal(GrantStatus.BadGntref, host.Xen.MapGrant(0, guest, 123, true).Error.GrantStatus);
        Assert.Equal(GrantStatus.BadDomain, host.Xen.MapGrant(0, 77, 8, true).Error.GrantStatus);
        Assert.Equal(GrantStatus.BadHandle, host.Xen.UnmapGrant(0, 4242).Error.GrantStatus);
    }

    [Fact]
    public void Must_refuse_end_access_while_mapped_with_EBUSY_and_allow_it_after_unmap()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var gref = host.Xen.GrantAccess(guest, 0, 2, readOnly: false).Value;
        var mapping = host.Xen.MapGrant(0, guest, gref, readOnly: false).Value;
        Assert.Equal(Errno.EBUSY, host.Xen.EndAccess(guest, gref).Errno);
        Assert.Equal(1, host.Xen.QueryGrant(guest, gref).Value.MapCount);

        host.Xen.UnmapGrant(0, mapping.Handle).ThrowIfFailed();
        Assert.False(mapping.IsMapped);
        Assert.Equal(Errno.EFAULT, mapping.ReadUInt32(0).Errno);
        host.Xen.EndAccess(guest, gref).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.EndAccess(guest, gref).Errno);
    }

    [Fact]
    public void Must_refuse_a_grant_of_a_frame_outside_the_domain()
    {
        var host = new Host();
        var guest = host.Guest("g", memoryMiB: 1);
        Assert.Equal(Errno.EINVAL, host.Xen.GrantAccess(guest, 0, 256, false).Errno);
        Assert.True(host.Xen.GrantAccess(guest, 0, 255, false).IsSuccess);
    }

    [Fact]
    public void Must_refuse_with_ENOSPC_when_the_grant_table_is_full()
    {
        var host = new Host(new HypervisorOptions { MaxGrantEntries = 10 });
        var guest = host.Guest("g");
        Assert.True(host.Xen.GrantAccess(guest, 0, 1, false).IsSuccess);
        Assert.True(host.Xen.GrantAccess(guest, 0, 2, false).IsSuccess);
        Assert.Equal(Errno.ENOSPC, host.Xen.GrantAccess(guest, 0, 3, false).Errno);
    }

    [Fact]
    public void Must_keep_a_destroyed_granter_dying_until_the_backend_unmaps_its_page()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var gref = host.Xen.GrantAccess(guest, 0, 3, false).Value;
        var mapping = host.Xen.MapGrant(0, guest, gref, false).Value;

        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.Equal(DomainState.Dying, host.Xen.GetDomain(guest).Value.State);
        Assert.True(host.Xen.QueryGrant(guest, gref).Value.Revoked);
        Assert.True(mapping.WriteUInt32(0, 7).IsSuccess);
        Assert.Equal(GrantStatus.BadGntref, host.Xen.MapGrant(0, guest, gref, false).Error.GrantStatus);
        host.AssertSound();

        host.Xen.UnmapGrant(0, mapping.Handle).ThrowIfFailed();
        Assert.Equal(Errno.ESRCH, host.Xen.GetDomain(guest).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_release_the_mappings_a_destroyed_domain_held()
    {
        var host = new Host();
        var backend = host.Guest("driver-domain");
        var frontend = host.Guest("front");
        var gref = host.Xen.GrantAccess(frontend, backend, 4, false).Value;
        var mapping = host.Xen.MapGrant(backend, frontend, gref, false).Value;

        host.Xen.Destroy(backend).ThrowIfFailed();
        Assert.False(mapping.IsMapped);
        Assert.Equal(0, host.Xen.QueryGrant(frontend, gref).Value.MapCount);
        host.Xen.EndAccess(frontend, gref).ThrowIfFailed();
        host.AssertSound();
    }
}
