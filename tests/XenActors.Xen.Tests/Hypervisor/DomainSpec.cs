using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

public class DomainSpec
{
    [Fact]
    public void Must_start_with_a_running_privileged_domain_0()
    {
        var host = new Host();
        var dom0 = host.Xen.GetDomain(0).Value;
        Assert.Equal("Domain-0", dom0.Name);
        Assert.True(dom0.IsPrivileged);
        Assert.Equal(DomainState.Running, dom0.State);
        host.AssertSound();
    }

    [Fact]
    public void Must_create_domains_paused_with_the_lowest_free_id_first()
    {
        var host = new Host();
        var id = host.Xen.CreateDomain(new DomainConfig("guest") { Vcpus = 2, MemoryMiB = 128, Type = DomainType.Hvm }).Value;
        var domain = host.Xen.GetDomain(id).Value;
        Assert.Equal(1, id);
        Assert.Equal(DomainState.Paused, domain.State);
        Assert.Equal(128 * 256, domain.FrameCount);
        Assert.Equal(DomainType.Hvm, domain.Type);
        Assert.False(domain.IsPrivileged);
    }

    [Fact]
    public void Must_not_reuse_a_destroyed_domid_immediately()
    {
        var host = new Host();
        var first = host.Guest("a");
        host.Xen.Destroy(first).ThrowIfFailed();
        var second = host.Guest("b");
        Assert.Equal(1, first);
        Assert.Equal(2, second);
    }

    [Fact]
    public void Must_skip_ids_in_use_when_allocating_automatically()
    {
        var host = new Host();
        Assert.True(host.Xen.CreateDomain(new DomainConfig("two") { Domid = 2 }).IsSuccess);
        Assert.Equal(1, host.Xen.CreateDomain(new DomainConfig("a")).Value);
        Assert.Equal(3, host.Xen.CreateDomain(new DomainConfig("b")).Value);
    }

    [Fact]
    public void Must_honour_an_explicit_free_domid_and_refuse_one_in_use_with_EEXIST()
    {
        var host = new Host();
        Assert.Equal(42, host.Xen.CreateDomain(new DomainConfig("a") { Domid = 42 }).Value);
        Assert.Equal(Errno.EEXIST, host.Xen.CreateDomain(new DomainConfig("b") { Domid = 42 }).Errno);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DomainIds.Self)]
    [InlineData(DomainIds.Io)]
    [InlineData(-1)]
    public void Must_refuse_a_reserved_or_taken_explicit_domid_with_EINVAL(int domid)
    {
        var host = new Host();
        Assert.Equal(Errno.EINVAL, host.Xen.CreateDomain(new DomainConfig("x") { Domid = domid }).Errno);
    }

    [Fact]
    public void Must_refuse_a_duplicate_name_with_EEXIST_until_the_holder_is_destroyed()
    {
        var host = new Host();
        var a = host.Guest("web");
        Assert.Equal(Errno.EEXIST, host.Xen.CreateDomain(new DomainConfig("web")).Errno);
        host.Xen.Destroy(a).ThrowIfFailed();
        Assert.True(host.Xen.CreateDomain(new DomainConfig("web")).IsSuccess);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(129, 64)]
    [InlineData(1, 0)]
    public void Must_refuse_bad_vcpu_or_memory_sizes_with_EINVAL(int vcpus, int memory)
    {
        var host = new Host();
        Assert.Equal(Errno.EINVAL, host.Xen.CreateDomain(new DomainConfig("x") { Vcpus = vcpus, MemoryMiB = memory }).Errno);
    }

    [Fact]
    public void Must_refuse_with_ENOMEM_when_the_host_has_no_memory_left_and_return_it_on_destroy()
    {
        var host = new Host(new HypervisorOptions { HostMemoryMiB = 2048, Dom0MemoryMiB = 1024 });
        var big = host.Guest("big", memoryMiB: 1024);
        Assert.Equal(Errno.ENOMEM, host.Xen.CreateDomain(new DomainConfig("more") { MemoryMiB = 1 }).Errno);
        host.Xen.Destroy(big).ThrowIfFailed();
        Assert.True(host.Xen.CreateDomain(new DomainConfig("more") { MemoryMiB = 1024 }).IsSuccess);
    }

    [Fact]
    public void Must_pause_and_unpause_idempotently_and_hold_upcalls_while_paused()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var (dom0Port, guestPort) = host.Connect(0, guest);
        host.Xen.ConsumePending(guest);
        host.Sink.Upcalls.Clear();

        host.Xen.Pause(guest).ThrowIfFailed();
        host.Xen.Pause(guest).ThrowIfFailed();
        host.Xen.Send(0, dom0Port).ThrowIfFailed();
        Assert.Empty(host.Sink.Upcalls);
        Assert.True(host.Xen.IsPending(guest, guestPort));

        host.Xen.Unpause(guest).ThrowIfFailed();
        Assert.Equal([(guest, 0, guestPort)], host.Sink.Upcalls);
        Assert.Equal(DomainState.Running, host.Xen.GetDomain(guest).Value.State);
    }

    [Fact]
    public void Must_refuse_to_destroy_domain_0_or_a_missing_domain()
    {
        var host = new Host();
        Assert.Equal(Errno.EINVAL, host.Xen.Destroy(0).Errno);
        Assert.Equal(Errno.ESRCH, host.Xen.Destroy(77).Errno);
        Assert.Equal(Errno.ESRCH, host.Xen.Pause(77).Errno);
    }

    [Fact]
    public void Must_log_creation_and_destruction_with_the_injected_clock()
    {
        var now = TimeSpan.FromSeconds(5);
        var host = new Host(new HypervisorOptions { Clock = () => now });
        var guest = host.Guest("g");
        now = TimeSpan.FromSeconds(9);
        host.Xen.Destroy(guest).ThrowIfFailed();
        var created = host.Xen.Events.Single(e => e.Kind == HypervisorEventKind.DomainCreated && e.Domain == guest);
        var destroyed = host.Xen.Events.Single(e => e.Kind == HypervisorEventKind.DomainDestroyed);
        Assert.Equal(TimeSpan.FromSeconds(5), created.At);
        Assert.Equal(TimeSpan.FromSeconds(9), destroyed.At);
        Assert.True(destroyed.Sequence > created.Sequence);
        Assert.Equal(host.Xen.Events.Count, host.Sink.Logged.Count);
    }

    [Fact]
    public void Must_keep_the_event_log_bounded()
    {
        var host = new Host(new HypervisorOptions { EventLogCapacity = 3 });
        for (var i = 0; i < 5; i++)
        {
            host.Xen.Destroy(host.Guest($"g{i}")).ThrowIfFailed();
        }

        Assert.Equal(3, host.Xen.Events.Count);
        Assert.Equal(HypervisorEventKind.DomainDestroyed, host.Xen.Events.Last().Kind);
    }

    [Fact]
    public void Must_remove_a_destroyed_domain_and_mark_it_Destroyed()
    {
        var host = new Host();
        var guest = host.Guest("g");
        var domain = host.Xen.GetDomain(guest).Value;
        host.Xen.Destroy(guest).ThrowIfFailed();
        Assert.Equal(DomainState.Destroyed, domain.State);
        Assert.Equal(Errno.ESRCH, host.Xen.GetDomain(guest).Errno);
        Assert.Equal(Errno.ESRCH, host.Xen.GetDomain("g").Errno);
    }
}
