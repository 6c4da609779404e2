using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
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
        var address = new PciAddress(0, 0, 0x1d, 0);
        Call<XenResult>(hv, new HvRegisterDevice(address, null)).ThrowIfFailed();
        Call<XenResult>(hv, new HvAssignDevice(address, DomainIds.Io)).ThrowIfFailed();
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        Call<XenResult>(hv, new HvAssignDevice(address, guest)).ThrowIfFailed();
        Assert.Equal(Errno.EBUSY, Call<XenResult>(hv, new HvAssignDevice(address, guest)).Errno);
        Call<XenResult>(hv, new HvDestroyDomain(guest)).ThrowIfFailed();
        Assert.Equal(DomainIds.Io, Call<XenResult<PciFunctionInfo>>(hv, new HvGetDevice(address)).Value.Owner);
        Assert.Empty(Call<IReadOnlyList<string>>(hv, new HvCheckInvariants()));
    }

    [Fact]
    public void Must_bring_the_bound_shared_page_as_it_is_at_delivery_with_each_upcall()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props());
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        Call<XenResult>(hv, new HvUnpause(guest)).ThrowIfFailed();
        var gref = Call<XenResult<uint>>(hv, new HvGrantAccess(guest, 0, 5, false)).Value;
        var handle = Call<XenResult<int>>(hv, new HvMapGrant(0, guest, gref, false)).Value;
        var unbound = Call<XenResult<int>>(hv, new HvAllocUnbound(guest, DomainIds.Self, 0)).Value;
        var local = Call<XenResult<int>>(hv, new HvBindInterdomain(0, guest, unbound)).Value;
        var front = CreateTestProbe();
        var back = CreateTestProbe();
        Call<XenResult>(hv, new HvBindUpcalls(guest, unbound, front.Ref, SnapshotGfn: 5, SnapshotLength: 4)).ThrowIfFailed();
        Call<XenResult>(hv, new HvBindUpcalls(0, local, back.Ref, SnapshotMapping: handle, SnapshotLength: 4)).ThrowIfFailed();
        Assert.Equal([0, 0, 0, 0], back.ExpectMsg<HvUpcall>().Page); // the pending bind_interdomain event, page still blank

        Call<XenResult>(hv, new HvWriteGuest(guest, 5, 0, [1, 2, 3, 4])).ThrowIfFailed();
        Call<XenResult>(hv, new HvSend(guest, unbound)).ThrowIfFailed();
        Assert.Equal([1, 2, 3, 4], back.ExpectMsg<HvUpcall>(u => u.Port == local).Page);
        Call<XenResult>(hv, new HvWriteMapped(0, handle, 0, [9, 8, 7, 6])).ThrowIfFailed();
        Call<XenResult>(hv, new HvSend(0, local)).ThrowIfFailed();
        Assert.Equal([9, 8, 7, 6], front.ExpectMsg<HvUpcall>(u => u.Port == unbound).Page);
    }

    [Fact]
    public void Must_refuse_a_snapshot_longer_than_a_page_and_keep_the_earlier_binding()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props());
        var guest = Call<XenResult<int>>(hv, new HvCreateDomain(new DomainConfig("guest"))).Value;
        Call<XenResult>(hv, new HvUnpause(guest)).ThrowIfFailed();
        var unbound = Call<XenResult<int>>(hv, new HvAllocUnbound(guest, DomainIds.Self, 0)).Value;
        var local = Call<XenResult<int>>(hv, new HvBindInterdomain(0, guest, unbound)).Value;
        var handler = CreateTestProbe();
        Call<XenResult>(hv, new HvBindUpcalls(guest, unbound, handler.Ref)).ThrowIfFailed();
        var refused = Call<XenResult>(hv, new HvBindUpcalls(guest, unbound, CreateTestProbe().Ref, SnapshotGfn: 5, SnapshotLength: XenHypervisor.PageSize + 1));
        Assert.Equal(Errno.EINVAL, refused.Errno);
        Call<XenResult>(hv, new HvSend(0, local)).ThrowIfFailed();
        handler.ExpectMsg(new HvUpcall(guest, unbound));
    }
}
