using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Actors;

public sealed class HypervisorActorSpec : TestKit.TestKit
{
    private T Call<T>(Actor.IActorRef hv, IHypervisorRequest request)
    {
        hv.Tell(request, TestActor);
        return ExpectMsg<T>();
    }

    [Fact]
    public void Must_deliver_an_interdomain_send_as_an_upcall_to_the_bound_actor()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props());
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        Call<XenResult>(hv, new HvUnpause(guest)).ThrowIfFailed();
        var guestHandler = CreateTestProbe();
        var dom0Handler = CreateTestProbe();
        Call<XenResult>(hv, new HvBindUpcalls(guest, null, guestHandler.Ref)).ThrowIfFailed();
        Call<XenResult>(hv, new HvBindUpcalls(0, null, dom0Handler.Ref)).ThrowIfFailed();
        var unbound = Call<XenResult<int>>(hv, new HvAllocUnbound(guest, DomainIds.Self, 0)).Value;
        var local = Call<XenResult<int>>(hv, new HvBindInterdomain(0, guest, unbound)).Value;
        dom0Handler.ExpectMsg(new HvUpcall(0, local)); // bind_interdomain sets the local port pending
        Call<XenResult>(hv, new HvSend(0, local)).ThrowIfFailed();
        guestHandler.ExpectMsg(new HvUpcall(guest, unbound));
        Call<XenResult>(hv, new HvSend(0, local)).ThrowIfFailed();
        guestHandler.ExpectMsg(new HvUpcall(guest, unbound)); // consumed, so the next send upcalls again
    }

    [Fact]
    public void Must_read_and_write_a_granted_page_through_its_mapping()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props());
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        var gref = Call<XenResult<uint>>(hv, new HvGrantAccess(guest, 0, 5, false)).Value;
        var handle = Call<XenResult<int>>(hv, new HvMapGrant(0, guest, gref, false)).Value;
        Call<XenResult>(hv, new HvWriteMapped(0, handle, 8, [1, 2, 3])).ThrowIfFailed();
        Assert.Equal([1, 2, 3], Call<XenResult<byte[]>>(hv, new HvReadGuest(guest, 5, 8, 3)).Value);
        Assert.Equal(Errno.EINVAL, Call<XenResult<byte[]>>(hv, new HvReadMapped(0, handle + 1, 0, 1)).Errno);
    }

    [Fact]
    public void Must_return_a_destroyed_guests_device_to_the_pool()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props());
        var sbdf = new Sbdf(0, 0, 0x1d, 0);
        Call<XenResult>(hv, new HvRegisterDevice(sbdf, null)).ThrowIfFailed();
        Call<XenResult>(hv, new HvAssignDevice(sbdf, DomainIds.Io)).ThrowIfFailed();
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        Call<XenResult>(hv, new HvAssignDevice(sbdf, guest)).ThrowIfFailed();
        Assert.Equal(Errno.EBUSY, Call<XenResult>(hv, new HvAssignDevice(sbdf, guest)).Errno);
        Call<XenResult>(hv, new HvDestroyDomain(guest)).ThrowIfFailed();
        Assert.Equal(DomainIds.Io, Call<XenResult<PciFunctionInfo>>(hv, new HvGetDevice(sbdf)).Value.Owner);
        Assert.Empty(Call<IReadOnlyList<string>>(hv, new HvCheckInvariants()));
    }
}
