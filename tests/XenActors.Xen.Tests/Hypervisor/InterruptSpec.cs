using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class InterruptSpec
{
    private static readonly PciAddress Nic = PciAddress.Parse("0000:00:1d.0");

    private static (Host Host, int Guest) NicIn(DomainType type, int vcpus = 4, HypervisorOptions? options = null)
    {
        var host = new Host(options);
        host.Xen.RegisterDevice(Nic, gsi: 20).ThrowIfFailed();
        var guest = host.Guest("g", vcpus: vcpus, type: type);
        host.Xen.AssignDevice(Nic, guest).ThrowIfFailed();
        return (host, guest);
    }

    [Fact]
    public void Must_refuse_mapping_a_gsi_without_irq_permission_with_EPERM()
    {
        var (host, guest) = NicIn(DomainType.Pv);
        Assert.Equal(Errno.EPERM, host.Xen.MapPirq(guest, InterruptSource.ForGsi(20)).Errno);
        host.Xen.PermitIrq(guest, 20, allow: true).ThrowIfFailed();
        Assert.Equal(20, host.Xen.MapPirq(guest, InterruptSource.ForGsi(20)).Value);
        Assert.Equal(Errno.EEXIST, host.Xen.MapPirq(guest, InterruptSource.ForGsi(20)).Errno);
    }

    [Fact]
    public void Must_refuse_an_msi_of_a_function_the_domain_does_not_own_with_EPERM()
    {
        var (host, _) = NicIn(DomainType.Pv);
        var other = host.Guest("other");
        Assert.Equal(Errno.EPERM, host.Xen.MapPirq(other, InterruptSource.ForMsi(Nic)).Errno);
        Assert.Equal(Errno.ENODEV, host.Xen.MapPirq(other, InterruptSource.ForMsi(PciAddress.Parse("00:02.0"))).Errno);
    }

    [Fact]
    public void Must_allocate_msix_pirqs_above_the_gsi_range_one_per_entry()
    {
        var (host, guest) = NicIn(DomainType.Hvm);
        var p0 = host.Xen.MapPirq(guest, InterruptSource.ForMsix(Nic, 0)).Value;
        var p1 = host.Xen.MapPirq(guest, InterruptSource.ForMsix(Nic, 1)).Value;
        Assert.True(p0 >= XenHypervisor.NrGsis && p1 >= XenHypervisor.NrGsis);
        Assert.NotEqual(p0, p1);
        Assert.Equal(p1, host.Xen.FindPirq(guest, InterruptSource.ForMsix(Nic, 1)).Value);
    }

    [Fact]
    public void Must_deliver_a_pv_interrupt_through_the_bound_event_channel_on_the_programmed_vcpu()
    {
        var (host, guest) = NicIn(DomainType.Pv);
        var pirq = host.Xen.MapPirq(guest, InterruptSource.ForMsi(Nic)).Value;
        var port = host.Xen.BindPirq(guest, pirq).Value;
        host.Xen.BindVcpu(guest, port, 2).ThrowIfFailed();

        var delivery = Assert.Single(host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).Value);
        Assert.Equal(new InterruptDelivery(guest, pirq, 2, port, Redirected: true), delivery);
        Assert.Equal([(guest, 2, port)], host.Sink.Upcalls);
        var status = host.Xen.Status(guest, DomainIds.Self, port).Value;
        Assert.Equal((EventChannelStatus.Pirq, pirq), (status.Status, status.Pirq!.Value));
        host.AssertSound();
    }

    [Fact]
    public void Must_inject_an_hvm_interrupt_into_the_vcpu_the_guest_programmed()
    {
        var (host, guest) = NicIn(DomainType.Hvm);
        var pirq = host.Xen.MapPirq(guest, InterruptSource.ForMsi(Nic)).Value;
        host.Xen.SetInterruptTarget(guest, pirq, 3).ThrowIfFailed();
        host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).ThrowIfFailed();
        Assert.Equal([(guest, 3, pirq)], host.Sink.Injected);
        Assert.Equal(Errno.ENOENT, host.Xen.SetInterruptTarget(guest, pirq, 4).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.SetInterruptTarget(guest, 999, 0).Errno);
    }

    [Fact]
    public void Must_count_redirections_under_xen_3_3_delivery_and_none_when_delivering_to_the_guest_choice()
    {
        long Redirections(InterruptDeliveryPolicy policy)
        {
            var (host, guest) = NicIn(DomainType.Hvm, options: new HypervisorOptions { InterruptDelivery = policy });
            var pirq = host.Xen.MapPirq(guest, InterruptSource.ForMsi(Nic)).Value;
            host.Xen.SetInterruptTarget(guest, pirq, 1).ThrowIfFailed();
            for (var i = 0; i < 10; i++)
            {
                host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).ThrowIfFailed();
            }

            host.Xen.SetInterruptTarget(guest, pirq, 0).ThrowIfFailed();
            host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).ThrowIfFailed();
            var stats = host.Xen.GetInterruptStats(guest).Value;
            Assert.Equal([1L, 10L, 0L, 0L], stats.DeliveriesPerVcpu);
            Assert.Equal(11, stats.Total);
            return stats.Redirections;
        }

        Assert.Equal(10, Redirections(InterruptDeliveryPolicy.Vcpu0ThenRedirect));
        Assert.Equal(0, Redirections(InterruptDeliveryPolicy.GuestSpecified));
    }

    [Fact]
    public void Must_report_an_unrouted_interrupt_as_lost_with_ENOENT()
    {
        var (host, _) = NicIn(DomainType.Pv);
        Assert.Equal(Errno.ENOENT, host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).Errno);
        Assert.Contains(host.Xen.Events, e => e.Kind == HypervisorEventKind.InterruptLost);
    }

    [Fact]
    public void Must_refuse_binding_an_unmapped_or_already_bound_pirq()
    {
        var (host, guest) = NicIn(DomainType.Pv);
        Assert.Equal(Errno.EINVAL, host.Xen.BindPirq(guest, 300).Errno);
        var pirq = host.Xen.MapPirq(guest, InterruptSource.ForMsi(Nic)).Value;
        host.Xen.BindPirq(guest, pirq).ThrowIfFailed();
        Assert.Equal(Errno.EEXIST, host.Xen.BindPirq(guest, pirq).Errno);
    }

    [Fact]
    public void Must_remove_the_routes_of_a_deassigned_function_including_its_gsi()
    {
        var (host, guest) = NicIn(DomainType.Pv);
        host.Xen.PermitIrq(guest, 20, allow: true).ThrowIfFailed();
        host.Xen.MapPirq(guest, InterruptSource.ForGsi(20)).ThrowIfFailed();
        var msi = host.Xen.MapPirq(guest, InterruptSource.ForMsi(Nic)).Value;
        var port = host.Xen.BindPirq(guest, msi).Value;

        host.Xen.DeassignDevice(Nic, guest).ThrowIfFailed();
        Assert.Equal(Errno.ENOENT, host.Xen.FindPirq(guest, InterruptSource.ForMsi(Nic)).Errno);
        Assert.Equal(Errno.ENOENT, host.Xen.FindPirq(guest, InterruptSource.ForGsi(20)).Errno);
        Assert.Equal(EventChannelStatus.Closed, host.Xen.Status(guest, DomainIds.Self, port).Value.Status);
        Assert.Equal(Errno.ENOENT, host.Xen.RaiseInterrupt(InterruptSource.ForMsi(Nic)).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_remove_routes_on_unmap_and_on_destroy()
    {
        var (host, guest) = NicIn(DomainType.Hvm);
        var pirq = host.Xen.MapPirq(guest, InterruptSource.ForMsix(Nic, 0)).Value;
        host.Xen.UnmapPirq(guest, pirq).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.UnmapPirq(guest, pirq).Errno);
        host.Xen.MapPirq(guest, InterruptSource.ForMsix(Nic, 0)).ThrowIfFailed();
        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.Equal(Errno.ENOENT, host.Xen.RaiseInterrupt(InterruptSource.ForMsix(Nic, 0)).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_drop_the_hosts_own_routes_when_a_host_function_is_made_assignable()
    {
        var host = new Host();
        host.Xen.RegisterDevice(Nic).ThrowIfFailed();
        host.Xen.MapPirq(0, InterruptSource.ForMsi(Nic)).ThrowIfFailed();
        host.Xen.AssignDevice(Nic, DomainIds.Io).ThrowIfFailed();
        Assert.Equal(Errno.ENOENT, host.Xen.FindPirq(0, InterruptSource.ForMsi(Nic)).Errno);
        host.AssertSound();
    }

    [Fact]
    public void Must_leave_routes_alone_when_an_assignment_is_refused()
    {
        var host = new Host();
        host.Xen.RegisterDevice(Nic).ThrowIfFailed();
        var pirq = host.Xen.MapPirq(0, InterruptSource.ForMsi(Nic)).Value;
        Assert.Equal(Errno.ESRCH, host.Xen.AssignDevice(Nic, 40).Errno);
        Assert.Equal(pirq, host.Xen.FindPirq(0, InterruptSource.ForMsi(Nic)).Value);
    }
}
