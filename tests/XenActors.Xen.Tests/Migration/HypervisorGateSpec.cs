using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Migration;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Migration;

public sealed class HypervisorGateSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_deliver_the_upcalls_a_direct_call_raises_when_the_call_returns()
    {
        var shared = new SharedHypervisor();
        var client = new HypervisorClient(HypervisorActor.Start(Sys, "hypervisor", shared));
        var guest = (await client.CallAsync<int>(new HvCreateDomain(new DomainConfig("guest")))).Value;
        var guestPort = (await client.CallAsync<int>(new HvAllocUnbound(guest, DomainIds.Self, 0))).Value;
        var dom0Port = (await client.CallAsync<int>(new HvBindInterdomain(0, guest, guestPort))).Value;
        Assert.True((await client.CallAsync(new HvBindUpcalls(guest, guestPort, TestActor))).IsSuccess);
        ReceiveWhile(m => m as HvUpcall, TimeSpan.FromMilliseconds(100)); // whatever binding left pending
        client.Multicall(new HvSend(0, dom0Port)); // the guest is still paused: its event stays pending

        // The migration engine resumes the guest directly, as it does after the last copy round.
        Assert.True(new HypervisorGate("host", shared).Run(h => h.Unpause(guest)).IsSuccess);

        Assert.Equal(guestPort, ExpectMsg<HvUpcall>().Port);
    }
}
