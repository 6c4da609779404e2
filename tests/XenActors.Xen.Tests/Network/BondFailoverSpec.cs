using XenActors.Actor;
using XenActors.Xen.Network;
using XenActors.Xen.Tests.Drill;

namespace XenActors.Xen.Tests.Network;

public sealed class BondFailoverSpec
{
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Must_fail_over_to_the_virtual_path_without_losing_a_packet_when_the_hot_remove_is_announced()
    {
        using var world = new VirtualWorld();
        var guest = new BondedGuest(world);
        world.RunFor(Half);
        guest.AnnouncedHotRemove();
        world.RunFor(Half);
        var report = guest.Finish();

        Assert.Equal(1000, report.Sent);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(report.Sent, report.Received);
        Assert.InRange(report.ReceivedPhysical, 490, 510);
        Assert.InRange(report.ReceivedVirtual, 490, 510);
        Assert.Equal([BondedGuest.Mac], report.Macs); // one MAC across both paths
        Assert.Contains(guest.Events, e => e is { From: NicPath.Physical, To: NicPath.Virtual });
    }

    [Fact]
    public void Must_return_to_the_physical_path_after_a_hot_add_without_losing_a_packet()
    {
        using var world = new VirtualWorld();
        var guest = new BondedGuest(world);
        world.RunFor(Half);
        guest.AnnouncedHotRemove();
        world.RunFor(Half);
        guest.HotAdd("nic1");
        world.RunFor(Half);
        var report = guest.Finish();

        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        var last = guest.Events[^1];
        Assert.Equal(NicPath.Physical, last.To);
        Assert.Equal("MII link monitor", last.Reason); // the new slave's link is seen up by the monitor
        // Back on the physical path within one MII interval of the hot-add.
        Assert.InRange(report.ReceivedVirtual, 500, 500 + 100 + 5);
        Assert.True(report.TimeOnPhysical > report.TimeOnVirtual);
    }

    [Fact]
    public void Must_count_the_packets_lost_when_the_device_vanishes_unannounced()
    {
        using var world = new VirtualWorld();
        var guest = new BondedGuest(world);
        world.RunFor(TimeSpan.FromMilliseconds(520)); // mid-way between two MII polls
        guest.Nic.Tell(Vanish.Instance);
        world.RunFor(Half);
        var report = guest.Finish();

        // Until the next MII poll the bond keeps sending into the vanished device: up to one miimon of traffic.
        Assert.InRange(report.Lost, 1, (long)NetworkDefaults.MiiMonInterval.TotalMilliseconds + 1);
        Assert.Equal(report.Sent - report.Lost, report.Received);
        Assert.Contains(guest.Events, e => e is { From: NicPath.Physical, To: NicPath.Virtual, Reason: "MII link monitor" });
    }

    [Fact]
    public void Must_sample_the_rate_per_path()
    {
        using var world = new VirtualWorld();
        var guest = new BondedGuest(world);
        world.RunFor(Half);
        guest.AnnouncedHotRemove();
        world.RunFor(Half);
        var report = guest.Finish();

        Assert.Equal(report.Received, report.Samples.Sum(s => s.Physical + s.Virtual));
        Assert.All(report.Samples.SkipLast(1), s => Assert.InRange(s.Physical + s.Virtual, 49, 51)); // 1000/s in 50 ms windows
        Assert.True(report.Samples[0].Physical > 0 && report.Samples[0].Virtual == 0);
        Assert.True(report.Samples[^2].Virtual > 0 && report.Samples[^2].Physical == 0);
    }

    [Fact]
    public void Must_send_nothing_while_the_guest_is_suspended_and_resume_the_sequence_without_loss()
    {
        using var world = new VirtualWorld();
        var guest = new BondedGuest(world);
        world.RunFor(TimeSpan.FromMilliseconds(200));
        guest.Generator.Tell(GuestSuspended.Instance);
        world.RunFor(TimeSpan.FromMilliseconds(300));
        guest.Generator.Tell(GuestResumed.Instance);
        world.RunFor(TimeSpan.FromMilliseconds(200));
        var report = guest.Finish();

        Assert.InRange(report.Sent, 395, 405);
        Assert.Equal(0, report.Lost);
        Assert.Contains(report.Samples, s => s.Physical + s.Virtual == 0); // the pause is a hole in the rate
    }
}
