using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Tests.Hypervisor;

public sealed class HypervisorClientSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_make_a_hypercall_to_a_hypervisor_in_this_process_on_the_callers_thread()
    {
        var client = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));

        var call = client.CallAsync<DomainSummary>(new HvGetDomain(0));

        Assert.True(client.IsLocal);
        Assert.True(call.IsCompletedSuccessfully); // no mailbox in between: answered before CallAsync returned
        Assert.Equal("Domain-0", (await call).Value.Name);
    }

    [Fact]
    public async Task Must_deliver_the_upcall_a_direct_notify_raises_to_the_bound_handler()
    {
        var client = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor"));
        var guest = (await client.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).Value;
        var port = (await client.CallAsync<int>(new HvAllocUnbound(0, 0, guest))).Value;
        var remote = (await client.CallAsync<int>(new HvBindInterdomain(guest, 0, port))).Value;
        Assert.True((await client.CallAsync(new HvBindUpcalls(0, port, TestActor))).IsSuccess);
        ReceiveWhile(m => m as HvUpcall, TimeSpan.FromMilliseconds(100)); // whatever binding left pending

        client.Multicall(new HvSend(guest, remote));

        Assert.Equal(port, ExpectMsg<HvUpcall>().Port);
    }

    [Fact]
    public async Task Must_send_messages_to_a_hypervisor_in_another_process()
    {
        var remote = CreateTestProbe();
        var client = new HypervisorClient(remote.Ref);

        var call = client.CallAsync<DomainSummary>(new HvGetDomain(3));
        remote.ExpectMsg<HvGetDomain>(g => g.Domid == 3);
        remote.Reply(XenResult<DomainSummary>.FromValue(new DomainSummary(3, "g", DomainType.Pv, DomainState.Running)));

        Assert.Equal("g", (await call).Value.Name);
        Assert.False(client.IsLocal);
        client.Tell(new HvSend(3, 1));
        remote.ExpectMsg<HvSend>();
    }
}
