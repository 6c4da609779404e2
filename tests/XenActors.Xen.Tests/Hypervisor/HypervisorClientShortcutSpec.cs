using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Tests.Hypervisor;

/// <summary>
/// A client whose hypervisor is in another process sends "write the page, notify" straight to the peer's handler when
/// the hypervisor has offered a shortcut for the port, and through the hypervisor otherwise.
/// </summary>
public sealed class HypervisorClientShortcutSpec : TestKit.TestKit
{
    private const int Guest = 3, GuestPort = 4, Driver = 1, DriverPort = 7, Handle = 2;
    private const long Frame = 5;

    private static byte[] Page(byte fill, int length = 36) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public void Must_send_the_op_straight_to_the_peer_and_write_its_own_frame_at_the_hypervisor_on_write_back()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        Assert.True(pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame)));
        var op = Page(0xAB);

        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, op), new HvSend(Guest, GuestPort));

        var upcall = pciback.ExpectMsg<HvUpcall>();
        Assert.Equal((Driver, DriverPort, (long?)null), (upcall.Domid, upcall.Port, upcall.WriteBackGfn));
        Assert.Equal(op, upcall.Page);
        Assert.False(xen.TryReceiveOne(out _, TimeSpan.Zero)); // no HvSend (the hypervisor would deliver it a second time), no write yet
        pcifront.WriteBack();
        Assert.Equal(op, xen.ExpectMsg<HvWriteGuest>().Data);
    }

    [Fact]
    public void Must_write_back_only_the_newest_content_of_its_own_frame_once()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = BoundForShortcuts(xen);
        Assert.True(pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame)));

        for (byte op = 1; op <= 3; op++)
        {
            pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(op)), new HvSend(Guest, GuestPort));
            Assert.True(pcifront.Accept(new HvUpcall(Guest, GuestPort, Page((byte)(op + 100)), WriteBackGfn: Frame)));
        }
        pcifront.WriteBack();
        pcifront.WriteBack();

        var stored = xen.ExpectMsg<HvWriteGuest>();
        Assert.Equal((Guest, Frame, 0), (stored.Domid, stored.Gfn, stored.Offset));
        Assert.Equal(Page(103), stored.Data);
        Assert.False(xen.TryReceiveOne(out _, TimeSpan.Zero));
    }

    [Fact]
    public void Must_keep_the_tail_of_a_longer_earlier_write_when_a_shorter_one_follows()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));

        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(1, 40)), new HvSend(Guest, GuestPort));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(2)), new HvSend(Guest, GuestPort));
        pcifront.WriteBack();

        Assert.Equal([.. Page(2), .. Page(1, 4)], xen.ExpectMsg<HvWriteGuest>().Data);
    }

    [Fact]
    public void Must_write_back_what_it_holds_before_any_request_that_goes_through_the_hypervisor()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(7)), new HvSend(Guest, GuestPort));

        pcifront.Tell(new HvClose(Guest, GuestPort));
        _ = pcifront.CallAsync(new HvReadGuest(Guest, Frame, 0, 36));

        Assert.Equal(Page(7), xen.ExpectMsg<HvWriteGuest>().Data);
        xen.ExpectMsg<HvClose>();
        xen.ExpectMsg<HvReadGuest>(); // nothing held any more: no second write before it
    }

    [Fact]
    public void Must_write_back_what_it_holds_when_the_offer_is_withdrawn()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(9)), new HvSend(Guest, GuestPort));

        Assert.True(pcifront.Take(new HvShortcut(Guest, GuestPort, null)));

        Assert.Equal(Page(9), xen.ExpectMsg<HvWriteGuest>().Data);
    }

    [Fact]
    public void Must_carry_a_write_through_a_mapping_only_with_the_upcall_and_have_the_frames_owner_store_it()
    {
        var (driverXen, guestXen, latch) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var pciback = new HypervisorClient(driverXen.Ref);
        Assert.True(pciback.Take(new HvShortcut(Driver, DriverPort, latch.Ref, Guest, GuestPort, 36, SourceMapping: Handle, WriteBackGfn: Frame)));
        var answer = Page(0xCD);

        var pcifront = BoundForShortcuts(guestXen);

        pciback.Multicall(new HvWriteMapped(Driver, Handle, 0, answer), new HvSend(Driver, DriverPort));
        var upcall = latch.ExpectMsg<HvUpcall>();
        Assert.True(pcifront.Accept(upcall));

        Assert.False(driverXen.TryReceiveOne(out _, TimeSpan.Zero)); // the owner's connection is the only writer of the frame
        pcifront.WriteBack();
        var stored = guestXen.ExpectMsg<HvWriteGuest>();
        Assert.Equal((Guest, Frame, 0), (stored.Domid, stored.Gfn, stored.Offset));
        Assert.Equal(answer, stored.Data);
    }

    [Fact]
    public void Must_refuse_a_page_from_the_peer_for_any_frame_but_the_one_bound_to_the_port_whole()
    {
        var guestXen = CreateTestProbe();
        var pcifront = BoundForShortcuts(guestXen);

        Assert.False(pcifront.Accept(new HvUpcall(Guest, GuestPort, Page(1), WriteBackGfn: Frame + 1)));
        Assert.False(pcifront.Accept(new HvUpcall(Guest, GuestPort + 1, Page(1), WriteBackGfn: Frame)));
        Assert.False(pcifront.Accept(new HvUpcall(Guest, GuestPort, Page(1, 4096), WriteBackGfn: Frame)));
        Assert.False(pcifront.Accept(new HvUpcall(Guest, GuestPort, null, WriteBackGfn: Frame)));
        Assert.True(pcifront.Accept(new HvUpcall(Guest, GuestPort, Page(1)))); // from the hypervisor: nothing to store

        pcifront.WriteBack();
        Assert.False(guestXen.TryReceiveOne(out _, TimeSpan.Zero));
    }

    /// <summary>pcifront's client after binding its pci-op port for shortcuts (the bind reaches the probe and stays unanswered).</summary>
    private HypervisorClient BoundForShortcuts(TestKit.TestProbe xen)
    {
        var client = new HypervisorClient(xen.Ref);
        _ = client.CallAsync(new HvBindUpcalls(Guest, GuestPort, TestActor, SnapshotGfn: Frame, SnapshotLength: 36, Shortcuts: true));
        xen.ExpectMsg<HvBindUpcalls>();
        return client;
    }

    [Fact]
    public void Must_go_through_the_hypervisor_for_a_write_that_is_not_the_shortcuts_page()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));

        pcifront.Multicall(new HvWriteGuest(Guest, Frame + 1, 0, Page(1)), new HvSend(Guest, GuestPort));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 4, Page(2)), new HvSend(Guest, GuestPort));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(3, 8)), new HvSend(Guest, GuestPort));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(4)), new HvSend(Guest, GuestPort + 1));

        for (var i = 0; i < 4; i++)
        {
            xen.ExpectMsg<HvWriteGuest>();
            xen.ExpectMsg<HvSend>();
        }
        Assert.False(pciback.TryReceiveOne(out _, TimeSpan.Zero));
    }

    [Fact]
    public void Must_go_through_the_hypervisor_again_once_the_offer_is_withdrawn()
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));

        Assert.True(pcifront.Take(new HvShortcut(Guest, GuestPort, null)));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(1)), new HvSend(Guest, GuestPort));

        xen.ExpectMsg<HvWriteGuest>();
        xen.ExpectMsg<HvSend>();
        Assert.False(pciback.TryReceiveOne(out _, TimeSpan.Zero));
    }

    public static TheoryData<HvShortcut> MalformedOffers() =>
    [
        new HvShortcut(Guest, GuestPort, null!, Driver, DriverPort, 36, SourceGfn: Frame) with { Length = 0 },
        new HvShortcut(Guest, GuestPort, null!, Driver, DriverPort, 4097, SourceGfn: Frame),
        new HvShortcut(Guest, GuestPort, null!, Driver, DriverPort, 36),
        new HvShortcut(Guest, GuestPort, null!, Driver, DriverPort, 36, SourceGfn: Frame, SourceMapping: Handle),
        new HvShortcut(Guest, GuestPort, null!, Driver, DriverPort, 36, SourceGfn: Frame, WriteBackGfn: Frame),
    ];

    [Theory]
    [MemberData(nameof(MalformedOffers))]
    public void Must_refuse_a_malformed_offer_from_another_node_and_drop_the_earlier_one(HvShortcut malformed)
    {
        var (xen, pciback) = (CreateTestProbe(), CreateTestProbe());
        var pcifront = new HypervisorClient(xen.Ref);
        pcifront.Take(new HvShortcut(Guest, GuestPort, pciback.Ref, Driver, DriverPort, 36, SourceGfn: Frame));

        Assert.False(pcifront.Take(malformed with { Handler = pciback.Ref }));
        pcifront.Multicall(new HvWriteGuest(Guest, Frame, 0, Page(1)), new HvSend(Guest, GuestPort));

        xen.ExpectMsg<HvWriteGuest>();
        xen.ExpectMsg<HvSend>();
        Assert.False(pciback.TryReceiveOne(out _, TimeSpan.Zero));
    }
}
