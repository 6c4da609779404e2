using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class BecomeSpec : TestKit.TestKit
{
    /// <summary>A xenbus-like switch: Connected until told to reconfigure, then answers differently.</summary>
    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Connected();
        }

        private void Connected()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("Connected"));
            Receive<string>(s => s == "reconfigure", _ => Become(Reconfiguring));
            Receive<string>(s => s == "push", _ => BecomeStacked(() => Receive<string>(x => x == "state", _ => Sender.Tell("Stacked"))));
        }

        private void Reconfiguring()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("Reconfiguring"));
            Receive<string>(s => s == "done", _ => Become(Connected));
        }
    }

    [Fact]
    public void Must_switch_behaviour_with_Become_and_back()
    {
        var actor = Sys.ActorOf(Props.Create<Switch>());
        actor.Tell("state", TestActor);
        ExpectMsg("Connected");
        actor.Tell("reconfigure", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("Reconfiguring");
        actor.Tell("done", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("Connected");
    }

    [Fact]
    public void Must_return_to_the_previous_behaviour_on_UnbecomeStacked()
    {
        var actor = Sys.ActorOf(Props.Create(() => new StackActor()));
        actor.Tell("push", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("Stacked");
        actor.Tell("pop", TestActor);
        actor.Tell("state", TestActor);
        ExpectMsg("Base");
    }

    private sealed class StackActor : ReceiveActor
    {
        public StackActor()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("Base"));
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(x => x == "state", _ => Sender.Tell("Stacked"));
                Receive<string>(x => x == "pop", _ => UnbecomeStacked());
            }));
        }
    }

    [Fact]
    public void Must_refuse_Receive_declarations_outside_the_constructor()
    {
        var actor = Sys.ActorOf(Props.Create<LateDeclarer>());
        actor.Tell("declare", TestActor);
        ExpectMsg<InvalidOperationException>();
    }

    private sealed class LateDeclarer : ReceiveActor
    {
        public LateDeclarer()
        {
            Receive<string>(_ =>
            {
                try { Receive<int>(_ => { }); }
                catch (InvalidOperationException ex) { Sender.Tell(ex); }
            });
        }
    }

    [Fact]
    public void Must_publish_unhandled_messages()
    {
        Sys.EventStream.Subscribe<XenActors.Event.UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<Switch>());
        actor.Tell(3.14, TestActor);
        var unhandled = ExpectMsg<XenActors.Event.UnhandledMessage>();
        Assert.Equal(3.14, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    [Fact]
    public void Must_try_handlers_in_declaration_order_and_honour_predicates()
    {
        var actor = Sys.ActorOf(Props.Create<Ordered>());
        actor.Tell(5, TestActor);
        actor.Tell(50, TestActor);
        actor.Tell("s", TestActor);
        ExpectMsg("small");
        ExpectMsg("int");
        ExpectMsg("any");
    }

    private sealed class Ordered : ReceiveActor
    {
        public Ordered()
        {
            Receive<int>(i => i < 10, _ => Sender.Tell("small"));
            Receive<int>(_ => Sender.Tell("int"));
            ReceiveAny(_ => Sender.Tell("any"));
        }
    }
}
