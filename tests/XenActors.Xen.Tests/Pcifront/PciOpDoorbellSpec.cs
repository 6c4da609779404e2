using XenActors.Scheduler;
using XenActors.Xen.Pcifront;

namespace XenActors.Xen.Tests.Pcifront;

/// <summary>do_pci_op's wait: rung by the upcall with the page it carries, or timed out by the device's one re-armed timer.</summary>
public sealed class PciOpDoorbellSpec
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Must_time_out_an_unanswered_op_when_its_time_out_passes_and_not_before()
    {
        var clock = new ManualTimeProvider();
        using var doorbell = new PciOpDoorbell(clock, Timeout);
        var rung = doorbell.Arm();
        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(rung.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(rung.IsCompleted);
        Assert.Equal((false, (byte[]?)null), await rung);
    }

    [Fact]
    public async Task Must_hand_over_the_page_when_rung_and_time_the_next_op_from_its_own_arming()
    {
        var clock = new ManualTimeProvider();
        using var doorbell = new PciOpDoorbell(clock, Timeout);
        var first = doorbell.Arm();
        clock.Advance(Timeout / 2);
        byte[] page = [1, 2, 3];
        doorbell.Ring(page);
        Assert.True(first.IsCompleted);
        var (answered, handed) = await first;
        Assert.True(answered);
        Assert.Same(page, handed);
        doorbell.Disarm();

        var second = doorbell.Arm();
        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1)); // well past the first op's deadline
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompleted);
        Assert.False((await second).Rung);
    }
}
