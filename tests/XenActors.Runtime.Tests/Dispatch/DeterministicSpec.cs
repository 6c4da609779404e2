using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Dispatch;
using XenActors.Scheduler;

namespace XenActors.Runtime.Tests.Dispatch;

/// <summary>One thread, virtual time: the same inputs give the same run, step by step.</summary>
public sealed class DeterministicSpec
{
    private sealed class Counter : ReceiveActor
    {
        private readonly List<string> _log;

        public Counter(List<string> log, IActorRef? peer)
        {
            _log = log;
            Receive<int>(i =>
            {
                _log.Add($"{Self.Path.Name}:{i}");
                if (i > 0) (peer ?? Sender).Tell(i - 1);
            });
            Receive<string>(s => _log.Add($"{Self.Path.Name}:{s}"));
        }
    }

    private static List<string> Run()
    {
        var log = new List<string>();
        var dispatcher = new ManualDispatcher();
        var time = new ManualTimeProvider();
        using var system = ActorSystem.Create("det", new ActorSystemSetup { Dispatcher = dispatcher, TimeProvider = time });
        dispatcher.RunUntilIdle();
        var b = system.ActorOf(Props.Create(() => new Counter(log, null)), "b");
        var a = system.ActorOf(Props.Create(() => new Counter(log, b)), "a");
        system.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), a, "later", null);
        dispatcher.RunUntilIdle();
        a.Tell(4, b);
        dispatcher.RunUntilIdle();
        Assert.DoesNotContain("a:later", log);
        time.Advance(TimeSpan.FromSeconds(10));
        dispatcher.RunUntilIdle();
        _ = system.Terminate();
        dispatcher.RunUntilIdle();
        Assert.True(system.WhenTerminated.IsCompleted);
        return log;
    }

    [Fact]
    public void Must_replay_the_same_interleaving_with_a_manual_dispatcher_and_virtual_time()
    {
        var first = Run();
        Assert.Equal(["a:4", "b:3", "a:2", "b:1", "a:0", "a:later"], first);
        Assert.Equal(first, Run());
    }
}
