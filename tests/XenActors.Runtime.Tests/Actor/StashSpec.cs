using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class StashSpec : TestKit.TestKit
{
    /// <summary>Stashes requests while "initialising", replays them in order once "ready".</summary>
    private sealed class Gate : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate()
        {
            Receive<string>(s => s == "ready", _ =>
            {
                Become(() => Receive<int>(i => Sender.Tell(i)));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "count", _ => Sender.Tell(Stash.Count));
            Receive<int>(_ => Stash.Stash());
        }
    }

    [Fact]
    public void Must_replay_stashed_messages_in_order_before_later_ones()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        for (var i = 0; i < 5; i++) gate.Tell(i, TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(5);
        gate.Tell("ready", TestActor);
        gate.Tell(99, TestActor);
        foreach (var i in new[] { 0, 1, 2, 3, 4, 99 }) ExpectMsg(i);
    }

    [Fact]
    public void Must_send_stashed_messages_to_dead_letters_when_stopped()
    {
        Sys.EventStream.Subscribe<XenActors.Event.DeadLetter>(TestActor);
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(7, TestActor);
        gate.Tell("count", TestActor);
        ExpectMsg(1);
        Sys.Stop(gate);
        ExpectMsg<XenActors.Event.DeadLetter>(d => d.Message is 7);
    }

    [Fact]
    public void Must_unstash_selectively_with_a_predicate()
    {
        var actor = Sys.ActorOf(Props.Create<Picky>());
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell(3, TestActor);
        actor.Tell("even", TestActor);
        ExpectMsg(2);
        actor.Tell("rest", TestActor);
        ExpectMsg(1);
        ExpectMsg(3);
    }

    private sealed class Picky : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Picky()
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "even", _ =>
            {
                Become(() =>
                {
                    Receive<int>(i => Sender.Tell(i));
                    Receive<string>(x => x == "rest", _ => Stash.UnstashAll());
                });
                Stash.UnstashAll(e => e.Message is int i && i % 2 == 0);
            });
        }
    }
}
