using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class IommuSpec
{
    private static readonly PciAddress Nic = PciAddress.Parse("0000:00:1d.0");
    private static readonly PciAddress Hba = PciAddress.Parse("0000:03:00.0");

    private static Host WithDevices(bool unsuitableHba = false)
    {
        var host = new Host();
        host.Xen.RegisterDevice(Nic, gsi: 23).ThrowIfFailed();
        host.Xen.RegisterDevice(Hba, usesDriverGivenPhysicalAddresses: unsuitableHba).ThrowIfFailed();
        return host;
    }

    [Fact]
    public void Must_own_registered_functions_by_the_host_until_made_assignable()
    {
        var host = WithDevices();
        Assert.Equal(0, host.Xen.GetDevice(Nic).Value.Owner);
        host.Xen.AssignDevice(Nic, DomainIds.Io).ThrowIfFailed();
        Assert.Equal(DomainIds.Io, host.Xen.GetDevice(Nic).Value.Owner);
        host.Xen.ReleaseDeviceToHost(Nic).ThrowIfFailed();
        Assert.Equal(0, host.Xen.GetDevice(Nic).Value.Owner);
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_registering_a_function_twice_with_EEXIST()
    {
        var host = WithDevices();
        Assert.Equal(Errno.EEXIST, host.Xen.RegisterDevice(Nic).Errno);
    }

    [Fact]
    public void Must_assign_a_pooled_function_to_a_guest()
    {
        var host = WithDevices();
        var guest = host.Guest("g");
        host.Xen.AssignDevice(Nic, DomainIds.Io).ThrowIfFailed();
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(guest, host.Xen.GetDevice(Nic).Value.Owner);
        Assert.Contains(Nic, host.Xen.GetDomain(guest).Value.AssignedDevices);
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_a_function_assigned_to_a_second_domain_with_a_clear_EBUSY()
    {
        var host = WithDevices();
        var first = host.Guest("first");
        var second = host.Guest("second");
        host.Xen.AssignDevice(Nic, first).ThrowIfFailed();
        var refused = host.Xen.AssignDevice(Nic, second);
        Assert.Equal(Errno.EBUSY, refused.Errno);
        Assert.Equal($"PCI device 0000:00:1d.0 already assigned to domain {first}", refused.Error.Message);
        Assert.Equal(Errno.EBUSY, host.Xen.TestAssignDevice(Nic).Errno);
        Assert.Empty(host.Xen.GetDomain(second).Value.AssignedDevices);
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_assigning_a_function_to_the_same_domain_twice()
    {
        var host = WithDevices();
        var guest = host.Guest("g");
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(Errno.EBUSY, host.Xen.AssignDevice(Nic, guest).Errno);
    }

    [Fact]
    public void Must_refuse_unknown_functions_and_missing_domains()
    {
        var host = WithDevices();
        Assert.Equal(Errno.ENODEV, host.Xen.AssignDevice(PciAddress.Parse("0000:09:00.0"), 0).Errno);
        Assert.Equal(Errno.ESRCH, host.Xen.AssignDevice(Nic, 44).Errno);
        Assert.Equal(0, host.Xen.GetDevice(Nic).Value.Owner);
    }

    [Fact]
    public void Must_refuse_assignment_to_a_domain_in_log_dirty_mode_with_EXDEV_and_log_dirty_with_devices_with_EINVAL()
    {
        var host = WithDevices();
        var migrating = host.Guest("migrating");
        host.Xen.EnableLogDirty(migrating).ThrowIfFailed();
        Assert.Equal(Errno.EXDEV, host.Xen.AssignDevice(Nic, migrating).Errno);

        var passthrough = host.Guest("pt");
        host.Xen.AssignDevice(Hba, passthrough).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.EnableLogDirty(passthrough).Errno);
    }

    [Fact]
    public void Must_deassign_into_quarantine_and_refuse_deassign_by_a_non_owner_with_ENODEV()
    {
        var host = WithDevices();
        var guest = host.Guest("g");
        var other = host.Guest("other");
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(Errno.ENODEV, host.Xen.DeassignDevice(Nic, other).Errno);
        host.Xen.DeassignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(DomainIds.Io, host.Xen.GetDevice(Nic).Value.Owner);
        Assert.Empty(host.Xen.GetDomain(guest).Value.AssignedDevices);
        Assert.True(host.Xen.AssignDevice(Nic, other).IsSuccess);
        host.AssertSound();
    }

    [Fact]
    public void Must_quarantine_the_functions_of_a_destroyed_domain()
    {
        var host = WithDevices();
        var guest = host.Guest("g");
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        host.Xen.AssignDevice(Hba, guest).ThrowIfFailed();
        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.All(host.Xen.Devices, d => Assert.Equal(DomainIds.Io, d.Owner));
        Assert.Contains(host.Xen.Events, e => e.Kind == HypervisorEventKind.DeviceDeassigned && e.Detail.Contains("0000:00:1d.0", StringComparison.Ordinal));
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_unregistering_a_function_the_host_does_not_hold()
    {
        var host = WithDevices();
        host.Xen.AssignDevice(Nic, DomainIds.Io).ThrowIfFailed();
        Assert.Equal(Errno.EBUSY, host.Xen.UnregisterDevice(Nic).Errno);
        Assert.True(host.Xen.UnregisterDevice(Hba).IsSuccess);
        Assert.Equal(Errno.ENODEV, host.Xen.GetDevice(Hba).Errno);
    }

    [Fact]
    public void Must_translate_a_guest_physical_dma_address_to_the_owners_machine_frame()
    {
        var host = WithDevices();
        var guest = host.Guest("g");
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        var machine = host.Xen.TranslateDma(Nic, 0x3004, write: true).Value;
        Assert.Equal(((ulong)host.Xen.GuestToMachineFrame(guest, 3).Value << 12) | 4, machine);
        Assert.NotEqual(0x3004UL, machine);

        host.Xen.DmaWrite(Nic, 0x3FFE, [0xDE, 0xAD, 0xBE, 0xEF]).ThrowIfFailed();
        var seen = new byte[4];
        host.Xen.ReadGuestMemory(guest, 0x3FFE, seen).ThrowIfFailed();
        Assert.Equal([0xDE, 0xAD, 0xBE, 0xEF], seen);
        Assert.Empty(host.Xen.IommuFaults);
    }

    [Fact]
    public void Must_refuse_dma_outside_the_owners_memory_and_record_an_iommu_fault()
    {
        var host = WithDevices();
        var guest = host.Guest("g", memoryMiB: 1);
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(Errno.EFAULT, host.Xen.DmaRead(Nic, 0xFFFFE, new byte[4]).Errno);
        var fault = Assert.Single(host.Xen.IommuFaults);
        Assert.Equal((Nic, 0x100000UL, guest, IommuFaultReason.OutsideOwnerMemory, false), (fault.Device, fault.Address, fault.Domain, fault.Reason, fault.Write));
        Assert.Contains(host.Xen.Events, e => e.Kind == HypervisorEventKind.IommuFault && e.Domain == guest);
    }

    [Fact]
    public void Must_block_all_dma_from_a_quarantined_function()
    {
        var host = WithDevices();
        host.Xen.AssignDevice(Nic, DomainIds.Io).ThrowIfFailed();
        Assert.Equal(Errno.EFAULT, host.Xen.DmaWrite(Nic, 0x1000, [1]).Errno);
        Assert.Equal(IommuFaultReason.Quarantined, Assert.Single(host.Xen.IommuFaults).Reason);
    }

    [Fact]
    public void Must_fault_a_device_using_driver_given_physical_addresses_in_a_guest_but_not_in_domain_0()
    {
        var host = WithDevices(unsuitableHba: true);
        // dom0's memory is 1:1, so the untranslated address happens to be right.
        Assert.True(host.Xen.DmaWrite(Hba, 0x2000, [1]).IsSuccess);

        var guest = host.Guest("g", type: DomainType.Hvm);
        host.Xen.AssignDevice(Hba, DomainIds.Io).ThrowIfFailed();
        host.Xen.AssignDevice(Hba, guest).ThrowIfFailed();
        Assert.Equal(Errno.EFAULT, host.Xen.DmaWrite(Hba, 0x2000, [1]).Errno);
        Assert.Equal(IommuFaultReason.UntranslatedDriverAddress, Assert.Single(host.Xen.IommuFaults).Reason);
    }
}
