using XenActors.Actor;
using XenActors.Scheduler;
using XenActors.TestKit;

namespace XenActors.Runtime.Tests.Scheduler;

public sealed class SchedulerSpec
{
    private static (TimerScheduler Scheduler, ManualTimeProvider Time, List<object> Sent, ICanTell Target) Create()
    {
        var time = new ManualTimeProvider();
        var sent = new List<object>();
        return (new TimerScheduler(time), time, sent, new ListTarget(sent));
    }

    private sealed class ListTarget(List<object> sent) : ICanTell
    {
        public void Tell(object message, IActorRef? sender) => sent.Add(message);
    }

    [Fact]
    public void Must_tell_once_after_the_delay_and_not_before()
    {
        var (scheduler, time, sent, target) = Create();
        scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), target, "tick", null);
        time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.Empty(sent);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["tick"], sent);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(sent);
    }

    [Fact]
    public void Must_tell_repeatedly_at_the_interval_until_cancelled()
    {
        var (scheduler, time, sent, target) = Create();
        var task = scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), target, "beat", null);
        time.Advance(TimeSpan.FromSeconds(7)); // at 1, 3, 5, 7
        Assert.Equal(4, sent.Count);
        task.Cancel();
        Assert.True(task.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(4, sent.Count);
        Assert.Equal(0, time.PendingTimers);
    }

    [Fact]
    public void Must_never_fire_a_once_task_cancelled_before_its_time()
    {
        var (scheduler, time, sent, target) = Create();
        var task = scheduler.ScheduleTellOnceCancelable(TimeSpan.FromSeconds(1), target, "never", null);
        task.Cancel();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(sent);
    }

    [Fact]
    public void Must_fire_in_time_order_whatever_the_scheduling_order()
    {
        var (scheduler, time, sent, target) = Create();
        scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), target, 3, null);
        scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), target, 1, null);
        scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), target, 2, null);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal([1, 2, 3], sent.Cast<int>());
    }

    [Fact]
    public void Must_refuse_a_non_positive_interval()
    {
        var (scheduler, _, _, target) = Create();
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.Zero, target, "x", null));
    }

    [Fact]
    public void Must_cancel_everything_on_dispose()
    {
        var (scheduler, time, sent, target) = Create();
        scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), target, "x", null);
        scheduler.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(sent);
        Assert.Throws<ObjectDisposedException>(() => scheduler.ScheduleTellOnce(TimeSpan.Zero, target, "y", null));
    }
}

public sealed class SystemSchedulerSpec : TestKit.TestKit
{
    [Fact]
    public void Must_deliver_scheduled_messages_to_actors_on_the_real_clock()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "beat", ActorRefs.NoSender);
        ExpectMsg("beat");
        ExpectMsg("beat");
        cancelable.Cancel();
        // Drain what was in flight, then nothing more may come.
        ReceiveWhile(m => m as string, idle: TimeSpan.FromMilliseconds(200));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
