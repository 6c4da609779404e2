using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Protocol;

public class ProtocolConstantsSpec
{
    [Fact]
    public void Must_use_linux_errno_numbers()
    {
        Assert.Equal(
            [1, 2, 3, 14, 16, 17, 22, 28],
            new[] { Errno.EPERM, Errno.ENOENT, Errno.ESRCH, Errno.EFAULT, Errno.EBUSY, Errno.EEXIST, Errno.EINVAL, Errno.ENOSPC }.Select(e => (int)e));
    }

    [Fact]
    public void Must_use_the_reserved_domain_ids_of_xen_h()
    {
        Assert.Equal((0x7FF0, 0x7FF0, 0x7FF1, 0x7FF4), ((int)DomainIds.FirstReserved, (int)DomainIds.Self, (int)DomainIds.Io, (int)DomainIds.Invalid));
        Assert.True(DomainIds.IsGuest(0x7FEF));
        Assert.False(DomainIds.IsGuest(DomainIds.Io));
        Assert.Equal("DOMID_IO", DomainIds.Describe(DomainIds.Io));
    }

    [Fact]
    public void Must_number_event_channel_ops_and_status_as_event_channel_h()
    {
        Assert.Equal(0, (int)EventChannelOp.BindInterdomain);
        Assert.Equal(4, (int)EventChannelOp.Send);
        Assert.Equal(6, (int)EventChannelOp.AllocUnbound);
        Assert.Equal(10, (int)EventChannelOp.Reset);
        Assert.Equal([0, 1, 2, 3, 4, 5], Enum.GetValues<EventChannelStatus>().Select(s => (int)s));
    }

    [Fact]
    public void Must_number_pci_ops_and_map_their_errors_to_the_pcibios_codes_pcifront_uses()
    {
        Assert.Equal(0, (int)PciOpCommand.ConfRead);
        Assert.Equal(9, (int)PciOpCommand.AerSlotReset);
        Assert.Equal(10, (int)PciOpCommand.EnableMultiMsi);
        Assert.Equal(
            [0x00, 0x86, 0x87, 0x88, 0x81, 0x87],
            new[] { PciOpError.Success, PciOpError.DevNotFound, PciOpError.InvalidOffset, PciOpError.AccessDenied, PciOpError.NotImplemented, PciOpError.OpFailed }
                .Select(PciBios.FromPciOpError));
    }

    [Fact]
    public void Must_lay_out_the_shared_pci_page_as_pciif_h()
    {
        Assert.Equal("7", PciIf.Magic);
        Assert.Equal((1u, 2u, 4u), (PciIf.FrontendActive, PciIf.AerHandler, PciIf.BackendActive));
        Assert.Equal(4, PciIf.OpCmdOffset);
        Assert.Equal(32, PciIf.OpValueOffset);
        Assert.Equal(40, PciIf.OpMsixEntriesOffset);
        Assert.Equal(552, PciIf.AerOpOffset);
        Assert.Equal(572, PciIf.SharedInfoSize);
        Assert.True(PciIf.SharedInfoSize <= PciIf.PageSize);
    }

    [Fact]
    public void Must_tell_global_virqs_from_per_vcpu_ones()
    {
        Assert.False(VirqInfo.IsGlobal((int)Virq.Timer));
        Assert.False(VirqInfo.IsGlobal((int)Virq.Debug));
        Assert.True(VirqInfo.IsGlobal((int)Virq.DomExc));
        Assert.True(VirqInfo.IsGlobal((int)Virq.Console));
        Assert.False(VirqInfo.IsValid(VirqInfo.Count));
    }

    [Fact]
    public void Must_build_the_pci_xenstore_paths()
    {
        Assert.Equal("/local/domain/0/backend/pci/3/0", XenbusPci.BackendPath(0, 3));
        Assert.Equal("/local/domain/3/device/pci/0", XenbusPci.FrontendPath(3));
        Assert.Equal("state-2", XenbusPci.DeviceState(2));
    }
}
