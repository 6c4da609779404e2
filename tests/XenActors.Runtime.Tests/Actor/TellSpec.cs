using XenActors.Actor;
using XenActors.TestKit;

namespace XenActors.Runtime.Tests.Actor;

public sealed class TellSpec : TestKit.TestKit
{
    private sealed class Collector : ReceiveActor
    {
        private readonly List<int> _seen = [];

        public Collector(int expected, IActorRef report)
        {
            Receive<int>(i =>
            {
                _seen.Add(i);
                if (_seen.Count == expected) report.Tell(_seen.ToArray());
            });
        }
    }

    [Fact]
    public void Must_keep_messages_from_one_sender_to_one_receiver_in_order()
    {
        const int count = 20_000;
        var collector = Sys.ActorOf(Props.Create(() => new Collector(count, TestActor)));
        for (var i = 0; i < count; i++) collector.Tell(i, TestActor);
        var seen = ExpectMsg<int[]>(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(0, count), seen);
    }

    [Fact]
    public void Must_keep_per_sender_order_with_many_concurrent_senders()
    {
        const int senders = 4, each = 5_000;
        var collector = Sys.ActorOf(Props.Create(() => new Collector(senders * each, TestActor)));
        Parallel.For(0, senders, s =>
        {
            for (var i = 0; i < each; i++) collector.Tell(s * 1_000_000 + i, ActorRefs.NoSender);
        });
        var seen = ExpectMsg<int[]>(TimeSpan.FromSeconds(20));
        foreach (var group in seen.GroupBy(v => v / 1_000_000))
        {
            Assert.Equal(Enumerable.Range(0, each).Select(i => group.Key * 1_000_000 + i), group);
        }
    }

    [Fact]
    public void Must_use_the_current_actor_as_implicit_sender_inside_an_actor()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var relay = Sys.ActorOf(Props.Create(() => new RelayActor(echo)));
        relay.Tell("ping", TestActor);
        ExpectMsg(("pong-from", echo.Path.ToString()));
    }

    private sealed class RelayActor : ReceiveActor
    {
        private IActorRef? _client;

        public RelayActor(IActorRef echo)
        {
            Receive<string>(s => s == "ping", _ =>
            {
                _client = Sender;
                echo.Tell("hello"); // implicit sender: this actor
            });
            Receive<string>(s => s == "hello", _ => _client!.Tell(("pong-from", Sender.Path.ToString())));
        }
    }

    [Fact]
    public void Must_keep_the_original_sender_on_forward()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardActor(echo)));
        forwarder.Tell("x", TestActor);
        ExpectMsg("x");
        Assert.Equal(echo, LastSender);
    }

    private sealed class ForwardActor : ReceiveActor
    {
        public ForwardActor(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    [Fact]
    public void Must_give_dead_letters_as_Sender_when_told_without_sender()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new SenderReporter(probe.Ref)));
        actor.Tell("who", ActorRefs.NoSender);
        Assert.Equal(Sys.DeadLetters, probe.ExpectMsg<IActorRef>());
    }

    private sealed class SenderReporter : ReceiveActor
    {
        public SenderReporter(IActorRef probe) => ReceiveAny(_ => probe.Tell(Sender));
    }

    [Fact]
    public void Must_refuse_a_null_message()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Throws<ArgumentNullException>(() => echo.Tell(null!, TestActor));
    }
}
