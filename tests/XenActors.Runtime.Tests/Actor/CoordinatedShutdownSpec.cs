using System.Collections.Concurrent;
using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class CoordinatedShutdownSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_run_phases_in_order_and_then_terminate_the_system()
    {
        var order = new ConcurrentQueue<string>();
        var cs = CoordinatedShutdown.Get(Sys);
        // Added out of order on purpose.
        cs.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last", () => Record(order, "before-terminate"));
        cs.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", () => Record(order, "cluster-leave"));
        cs.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", () => Record(order, "before-unbind"));
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop", () => Record(order, "service-stop"));
        await cs.Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["before-unbind", "service-stop", "cluster-leave", "before-terminate"], order);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    private static async Task<Done> Record(ConcurrentQueue<string> order, string name)
    {
        await Task.Yield();
        order.Enqueue(name);
        return Done.Instance;
    }

    [Fact]
    public async Task Must_return_the_same_task_when_run_twice_and_keep_the_first_reason()
    {
        var cs = CoordinatedShutdown.Get(Sys);
        var first = cs.Run(CoordinatedShutdown.ProcessExitReason.Instance);
        var second = cs.Run(CoordinatedShutdown.UnknownReason.Instance);
        Assert.Same(first, second);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<CoordinatedShutdown.ProcessExitReason>(cs.ShutdownReason);
    }

    [Fact]
    public async Task Must_go_on_when_a_task_fails_or_hangs_past_the_phase_timeout()
    {
        using var system = ActorSystem.Create("shutdown", new XenActors.Configuration.ActorSystemSetup
        {
            Settings = new XenActors.Configuration.ActorSettings { ShutdownPhaseTimeout = TimeSpan.FromMilliseconds(200) },
        });
        var cs = CoordinatedShutdown.Get(system);
        var reached = false;
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "fails", () => throw new InvalidOperationException("unbind failed"));
        cs.AddTask(CoordinatedShutdown.PhaseServiceStop, "hangs", () => new TaskCompletionSource<Done>().Task);
        cs.AddTask(CoordinatedShutdown.PhaseClusterShutdown, "later", () => { reached = true; return Task.FromResult(Done.Instance); });
        await cs.Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(reached);
    }

    [Fact]
    public void Must_refuse_an_unknown_phase_naming_the_valid_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            CoordinatedShutdown.Get(Sys).AddTask("no-such-phase", "x", () => Task.FromResult(Done.Instance)));
        Assert.Contains("cluster-leave", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_list_Akkas_twelve_phases_in_order()
    {
        Assert.Equal(12, CoordinatedShutdown.Phases.Count);
        Assert.Equal("before-service-unbind", CoordinatedShutdown.Phases[0]);
        Assert.Equal("actor-system-terminate", CoordinatedShutdown.Phases[^1]);
    }
}
