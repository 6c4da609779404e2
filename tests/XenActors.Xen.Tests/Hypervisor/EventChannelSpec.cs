using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class EventChannelSpec
{
    private const int Self = DomainIds.Self;

    [Fact]
    public void Must_allocate_an_unbound_port_above_reserved_port_0()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.AllocUnbound(guest, Self, 0).Value;
        Assert.Equal(1, port);
        var status = host.Xen.Status(guest, Self, port).Value;
        Assert.Equal(EventChannelStatus.Unbound, status.Status);
        Assert.Equal(0, status.RemoteDomain);
        Assert.Equal(EventChannelStatus.Closed, host.Xen.Status(guest, Self, 0).Value.Status);
    }

    [Fact]
    public void Must_refuse_alloc_unbound_for_another_domain_from_an_unprivileged_caller_with_EPERM()
    {
        var host = new Host();
        var a = host.Guest("a");
        var b = host.Guest("b");
        Assert.Equal(Errno.EPERM, host.Xen.AllocUnbound(a, b, 0).Errno);
        // Xen 3.x refuses even the caller's own numeric id: only DOMID_SELF is allowed.
        Assert.Equal(Errno.EPERM, host.Xen.AllocUnbound(a, a, 0).Errno);
    }

    [Fact]
    public void Must_let_the_privileged_domain_allocate_for_another_domain()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.AllocUnbound(0, guest, 0).Value;
        Assert.Equal(EventChannelStatus.Unbound, host.Xen.Status(guest, Self, port).Value.Status);
    }

    [Fact]
    public void Must_refuse_alloc_unbound_in_a_missing_domain_with_ESRCH()
    {
        var host = new Host();
        Assert.Equal(Errno.ESRCH, host.Xen.AllocUnbound(0, 55, 0).Errno);
    }

    [Fact]
    public void Must_refuse_with_ENOSPC_past_the_per_domain_port_limit()
    {
        var host = new Host();
        var guest = host.Guest("g", maxPort: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(host.Xen.AllocUnbound(guest, Self, 0).IsSuccess);
        }

        Assert.Equal(Errno.ENOSPC, host.Xen.AllocUnbound(guest, Self, 0).Errno);
        host.Xen.Close(guest, 2).ThrowIfFailed();
        Assert.Equal(2, host.Xen.AllocUnbound(guest, Self, 0).Value);
    }

    [Fact]
    public void Must_bind_interdomain_pairing_both_ends_and_set_the_local_port_pending()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var unbound = host.Xen.AllocUnbound(guest, Self, 0).Value;
        var local = host.Xen.BindInterdomain(0, guest, unbound).Value;

        var mine = host.Xen.Status(0, Self, local).Value;
        var theirs = host.Xen.Status(guest, Self, unbound).Value;
        Assert.Equal((EventChannelStatus.Interdomain, guest, unbound), (mine.Status, mine.RemoteDomain!.Value, mine.RemotePort!.Value));
        Assert.Equal((EventChannelStatus.Interdomain, 0, local), (theirs.Status, theirs.RemoteDomain!.Value, theirs.RemotePort!.Value));
        Assert.True(host.Xen.IsPending(0, local));
        Assert.Contains((0, 0, local), host.Sink.Upcalls);
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_bind_interdomain_to_a_missing_domain_with_ESRCH()
    {
        var host = new Host();
        Assert.Equal(Errno.ESRCH, host.Xen.BindInterdomain(0, 9, 1).Errno);
    }

    [Fact]
    public void Must_refuse_bind_interdomain_to_a_port_reserved_for_another_domain_with_EINVAL()
    {
        var host = new Host();
        var a = host.Guest("a");
        var b = host.Guest("b");
        var forDom0 = host.Xen.AllocUnbound(a, Self, 0).Value;
        Assert.Equal(Errno.EINVAL, host.Xen.BindInterdomain(b, a, forDom0).Errno);
    }

    [Fact]
    public void Must_refuse_bind_interdomain_to_a_port_that_is_not_unbound_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (_, guestPort) = host.Connect(0, guest);
        Assert.Equal(Errno.EINVAL, host.Xen.BindInterdomain(0, guest, guestPort).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.BindInterdomain(0, guest, 999).Errno);
    }

    [Fact]
    public void Must_mark_the_peer_pending_and_upcall_its_vcpu_on_interdomain_send()
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 2);
        var (dom0Port, guestPort) = host.Connect(0, guest);
        host.Xen.BindVcpu(guest, guestPort, 1).ThrowIfFailed();
        Assert.Equal([guestPort], host.Xen.ConsumePending(guest)); // set by bind_interdomain
        host.Sink.Upcalls.Clear();

        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        Assert.True(host.Xen.IsPending(guest, guestPort));
        Assert.Equal([(guest, 1, guestPort)], host.Sink.Upcalls);
    }

    [Fact]
    public void Must_upcall_only_on_the_first_send_until_the_guest_clears_pending()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, guestPort) = host.Connect(0, guest);
        host.Xen.ConsumePending(guest);
        host.Sink.Upcalls.Clear();
        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        Assert.Single(host.Sink.Upcalls);
        Assert.Equal([guestPort], host.Xen.ConsumePending(guest));
        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        Assert.Equal(2, host.Sink.Upcalls.Count);
    }

    [Fact]
    public void Must_drop_send_on_unbound_port_and_return_success()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.AllocUnbound(guest, Self, 0).Value;
        host.Sink.Upcalls.Clear();
        Assert.True(host.Xen.Send(guest, port).IsSuccess);
        Assert.False(host.Xen.IsPending(guest, port));
        Assert.Empty(host.Sink.Upcalls);
    }

    [Fact]
    public void Must_refuse_send_on_a_free_reserved_or_invalid_port_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.AllocUnbound(guest, Self, 0).Value;
        host.Xen.Close(guest, port).ThrowIfFailed();
        Assert.Equal(Errno.EINVAL, host.Xen.Send(guest, port).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Send(guest, 0).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Send(guest, 5000).Errno);
        Assert.Equal(-22, host.Xen.Send(guest, -1).ReturnCode);
    }

    [Fact]
    public void Must_refuse_send_on_a_virq_port_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.BindVirq(guest, (int)Virq.Timer, 0).Value;
        Assert.Equal(Errno.EINVAL, host.Xen.Send(guest, port).Errno);
    }

    [Fact]
    public void Must_deliver_an_ipi_to_the_sending_port_itself_on_its_vcpu()
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 4);
        var port = host.Xen.BindIpi(guest, 3).Value;
        host.Xen.Send(guest, port).ThrowIfFailed();
        Assert.True(host.Xen.IsPending(guest, port));
        Assert.Equal([(guest, 3, port)], host.Sink.Upcalls);
        Assert.Equal(EventChannelStatus.Ipi, host.Xen.Status(guest, Self, port).Value.Status);
    }

    [Fact]
    public void Must_refuse_bind_ipi_to_a_missing_vcpu_with_ENOENT()
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 2);
        Assert.Equal(Errno.ENOENT, host.Xen.BindIpi(guest, 2).Errno);
    }

    [Fact]
    public void Must_turn_the_peer_unbound_with_remote_set_to_the_closer_on_close()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, guestPort) = host.Connect(0, guest);
        host.Xen.Close(guest, guestPort).ThrowIfFailed();

        var peer = host.Xen.Status(0, Self, dom0Port).Value;
        Assert.Equal(EventChannelStatus.Unbound, peer.Status);
        Assert.Equal(guest, peer.RemoteDomain);
        Assert.Equal(EventChannelStatus.Closed, host.Xen.Status(guest, Self, guestPort).Value.Status);
        // The guest may now reconnect to the same dom0 port.
        Assert.True(host.Xen.BindInterdomain(guest, 0, dom0Port).IsSuccess);
        host.AssertSound();
    }

    [Fact]
    public void Must_refuse_close_of_a_free_or_invalid_port_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.Equal(Errno.EINVAL, host.Xen.Close(guest, 1).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Close(guest, 0).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Close(guest, -3).Errno);
    }

    [Fact]
    public void Must_support_a_loopback_channel_within_one_domain()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (a, b) = host.Connect(guest, guest);
        host.Xen.ConsumePending(guest);
        host.Xen.Send(guest, a).ThrowIfFailed();
        Assert.True(host.Xen.IsPending(guest, b));
        Assert.False(host.Xen.IsPending(guest, a));
        host.AssertSound();
    }

    [Fact]
    public void Must_bind_a_virq_once_per_vcpu_and_refuse_a_second_with_EEXIST()
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 2);
        var p0 = host.Xen.BindVirq(guest, (int)Virq.Timer, 0).Value;
        var p1 = host.Xen.BindVirq(guest, (int)Virq.Timer, 1).Value;
        Assert.NotEqual(p0, p1);
        Assert.Equal(Errno.EEXIST, host.Xen.BindVirq(guest, (int)Virq.Timer, 1).Errno);
        var status = host.Xen.Status(guest, Self, p1).Value;
        Assert.Equal((EventChannelStatus.Virq, 1, (int)Virq.Timer), (status.Status, status.Vcpu, status.Virq!.Value));
    }

    [Theory]
    [InlineData(-1, 0, Errno.EINVAL)]
    [InlineData(24, 0, Errno.EINVAL)]
    [InlineData((int)Virq.Timer, 5, Errno.ENOENT)]
    [InlineData((int)Virq.Console, 1, Errno.EINVAL)]
    public void Must_refuse_bad_virq_bindings(int virq, int vcpu, Errno expected)
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 2);
        Assert.Equal(expected, host.Xen.BindVirq(guest, virq, vcpu).Errno);
    }

    [Fact]
    public void Must_refuse_a_global_virq_owned_by_another_domain_with_EBUSY()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.Equal(Errno.EBUSY, host.Xen.BindVirq(guest, (int)Virq.DomExc, 0).Errno);
        host.Xen.SetGlobalVirqHandler(guest, (int)Virq.DomExc).ThrowIfFailed();
        Assert.True(host.Xen.BindVirq(guest, (int)Virq.DomExc, 0).IsSuccess);
    }

    [Fact]
    public void Must_raise_VIRQ_DOM_EXC_in_domain_0_when_a_domain_dies()
    {
        var host = new Host();
        var port = host.Xen.BindVirq(0, (int)Virq.DomExc, 0).Value;
        var guest = host.Guest("g");
        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.True(host.Xen.IsPending(0, port));
        Assert.Contains((0, 0, port), host.Sink.Upcalls);
    }

    [Fact]
    public void Must_free_the_virq_slot_when_its_port_closes()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var port = host.Xen.BindVirq(guest, (int)Virq.Timer, 0).Value;
        host.Xen.Close(guest, port).ThrowIfFailed();
        Assert.True(host.Xen.BindVirq(guest, (int)Virq.Timer, 0).IsSuccess);
        host.AssertSound();
    }

    [Fact]
    public void Must_deliver_a_pending_event_when_unmasked_and_not_before()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, guestPort) = host.Connect(0, guest);
        host.Xen.ConsumePending(guest);
        host.Xen.Mask(guest, guestPort).ThrowIfFailed();
        host.Sink.Upcalls.Clear();

        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        Assert.Empty(host.Sink.Upcalls);
        Assert.Empty(host.Xen.ConsumePending(guest));

        host.Xen.Unmask(guest, guestPort).ThrowIfFailed();
        Assert.Equal([(guest, 0, guestPort)], host.Sink.Upcalls);
    }

    [Fact]
    public void Must_treat_free_ports_inside_an_allocated_bucket_as_valid_like_xen()
    {
        var host = new Host();
        var guest = host.Guest("g");
        Assert.True(host.Xen.Unmask(guest, 63).IsSuccess);
        Assert.Equal(EventChannelStatus.Closed, host.Xen.Status(guest, Self, 63).Value.Status);
        Assert.Equal(Errno.EINVAL, host.Xen.Unmask(guest, 64).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Close(guest, 63).Errno);
    }

    [Fact]
    public void Must_refuse_unmask_of_an_invalid_port_with_EINVAL()
    {
        var host = new Host();
        var guest = host.Guest("g", maxPort: 7);
        Assert.Equal(Errno.EINVAL, host.Xen.Unmask(guest, 8).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.Unmask(guest, -1).Errno);
    }

    [Fact]
    public void Must_move_an_interdomain_port_to_another_vcpu_but_not_an_ipi_port()
    {
        var host = new Host();
        var guest = host.Guest("g", vcpus: 2);
        var (_, guestPort) = host.Connect(0, guest);
        var ipi = host.Xen.BindIpi(guest, 0).Value;
        host.Xen.BindVcpu(guest, guestPort, 1).ThrowIfFailed();
        Assert.Equal(1, host.Xen.Status(guest, Self, guestPort).Value.Vcpu);
        Assert.Equal(Errno.EINVAL, host.Xen.BindVcpu(guest, ipi, 1).Errno);
        Assert.Equal(Errno.ENOENT, host.Xen.BindVcpu(guest, guestPort, 2).Errno);
        Assert.Equal(Errno.EINVAL, host.Xen.BindVcpu(guest, 300, 0).Errno);
    }

    [Fact]
    public void Must_refuse_status_of_another_domain_to_an_unprivileged_caller()
    {
        var host = new Host();
        var a = host.Guest("a");
        var b = host.Guest("b");
        var port = host.Xen.AllocUnbound(b, Self, a).Value;
        Assert.Equal(Errno.EPERM, host.Xen.Status(a, b, port).Errno);
        Assert.Equal(EventChannelStatus.Unbound, host.Xen.Status(0, b, port).Value.Status);
        Assert.Equal(Errno.ESRCH, host.Xen.Status(0, 99, 1).Errno);
    }

    [Fact]
    public void Must_close_every_port_on_reset()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, _) = host.Connect(0, guest);
        host.Xen.BindIpi(guest, 0).ThrowIfFailed();
        host.Xen.Reset(guest, Self).ThrowIfFailed();
        Assert.Empty(host.Xen.OpenPorts(guest));
        Assert.Equal(EventChannelStatus.Unbound, host.Xen.Status(0, Self, dom0Port).Value.Status);
    }

    [Fact]
    public void Must_turn_peers_unbound_when_a_domain_is_destroyed()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, _) = host.Connect(0, guest);
        host.Xen.Destroy(guest).ThrowIfFailed();
        var status = host.Xen.Status(0, Self, dom0Port).Value;
        Assert.Equal(EventChannelStatus.Unbound, status.Status);
        Assert.Equal(guest, status.RemoteDomain);
        Assert.True(host.Xen.Send(0, dom0Port).IsSuccess);
        host.AssertSound();
    }
}
