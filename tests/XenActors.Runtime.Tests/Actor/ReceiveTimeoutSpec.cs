using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Scheduler;

namespace XenActors.Runtime.Tests.Actor;

/// <summary>Runs on virtual time: the timeout fires when the test moves the clock, never because the machine was slow.</summary>
public sealed class ReceiveTimeoutSpec : TestKit.TestKit
{
    private readonly ManualTimeProvider _time;

    public ReceiveTimeoutSpec() : this(new ManualTimeProvider()) { }

    private ReceiveTimeoutSpec(ManualTimeProvider time) : base(setup: new ActorSystemSetup { TimeProvider = time }) => _time = time;

    /// <summary>Answered without resetting the timeout, so the test knows every earlier message has been processed.</summary>
    private sealed record Sync : INotInfluenceReceiveTimeout;

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe, TimeSpan timeout)
        {
            SetReceiveTimeout(timeout);
            Receive<ReceiveTimeout>(_ =>
            {
                probe.Tell("timeout");
                SetReceiveTimeout(null);
            });
            Receive<Sync>(_ => Sender.Tell("synced"));
            Receive<string>(s => probe.Tell(s));
        }
    }

    private IActorRef StartIdle(TimeSpan timeout)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor, timeout)));
        actor.Tell(new Sync(), TestActor);
        ExpectMsg("synced");
        return actor;
    }

    [Fact]
    public void Must_send_ReceiveTimeout_after_a_quiet_period_and_not_again_when_turned_off()
    {
        StartIdle(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(499));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("timeout");
        _time.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Must_postpone_ReceiveTimeout_while_messages_keep_arriving()
    {
        var actor = StartIdle(TimeSpan.FromMilliseconds(500));
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(400));
            actor.Tell("tick", TestActor);
            ExpectMsg("tick");
            actor.Tell(new Sync(), TestActor);
            ExpectMsg("synced");
        }
        _time.Advance(TimeSpan.FromMilliseconds(499));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("timeout");
    }

    [Fact]
    public void Must_not_be_reset_by_messages_marked_NotInfluenceReceiveTimeout()
    {
        var actor = StartIdle(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        actor.Tell(new Sync(), TestActor);
        ExpectMsg("synced");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        ExpectMsg("timeout");
    }
}
