using XenActors.Actor;
using XenActors.TestKit;

namespace XenActors.Runtime.Tests.Actor;

public sealed class SupervisionSpec : TestKit.TestKit
{
    private IActorRef ChildOf(SupervisorStrategy strategy, out IActorRef supervisor)
    {
        supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        return StartedChild();
    }

    /// <summary>The child's preStart and the parent's reply come from different senders: either may be first.</summary>
    private IActorRef StartedChild()
    {
        var messages = ReceiveN(2);
        Assert.Contains("preStart", messages);
        return messages.OfType<IActorRef>().Single();
    }

    [Fact]
    public void Must_restart_by_default_on_an_exception_with_a_fresh_instance()
    {
        var child = ChildOf(SupervisorStrategy.DefaultStrategy, out _);
        child.Tell("inc", TestActor);
        child.Tell("inc", TestActor);
        EventFilter.Exception<InvalidOperationException>("boom").ExpectOne(() => child.Tell("boom", TestActor));
        ExpectMsg("preRestart:boom:boom");
        ExpectMsg("postStop");
        ExpectMsg("postRestart:boom");
        ExpectMsg("preStart");
        child.Tell("state?", TestActor);
        ExpectMsg(0); // the counter started again: a new instance
    }

    [Fact]
    public void Must_keep_the_mailbox_across_a_restart()
    {
        var child = ChildOf(SupervisorStrategy.DefaultStrategy, out _);
        // Queued behind the failure: none may be lost by the restart.
        child.Tell("boom", TestActor);
        for (var i = 0; i < 100; i++) child.Tell(i, TestActor);
        ExpectMsg<string>(s => s.StartsWith("preRestart", StringComparison.Ordinal));
        ExpectMsg("postStop");
        ExpectMsg("postRestart:boom");
        ExpectMsg("preStart");
        for (var i = 0; i < 100; i++) ExpectMsg(i);
    }

    [Fact]
    public void Must_keep_state_on_Resume()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Resume), out _);
        child.Tell("inc", TestActor);
        EventFilter.Warning("boom").ExpectOne(() => child.Tell("boom", TestActor));
        child.Tell("state?", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Must_stop_the_child_on_Stop()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Stop), out _);
        Watch(child);
        child.Tell("boom", TestActor);
        ExpectMsg("postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Must_escalate_to_the_grandparent_which_restarts_the_parent()
    {
        var grand = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        grand.Tell(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), TestActor);
        var parent = ExpectMsg<IActorRef>();
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var child = StartedChild();
        Watch(child);
        child.Tell("boom", TestActor);
        // The parent restarts; its default PreRestart stops the child.
        ExpectMsg("postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Must_stop_after_the_retry_limit_within_the_window()
    {
        var child = ChildOf(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), out _);
        Watch(child);
        for (var i = 0; i < 2; i++)
        {
            child.Tell("boom", TestActor);
            ExpectMsg<string>(s => s.StartsWith("preRestart", StringComparison.Ordinal));
            ExpectMsg("postStop");
            ExpectMsg("postRestart:boom");
            ExpectMsg("preStart");
        }
        child.Tell("boom", TestActor);
        ExpectMsg("postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Must_restart_all_children_with_AllForOne()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart))));
        var p1 = CreateTestProbe();
        var p2 = CreateTestProbe();
        supervisor.Tell(Props.Create(() => new LifecycleActor(p1.Ref)), TestActor);
        var c1 = ExpectMsg<IActorRef>();
        supervisor.Tell(Props.Create(() => new LifecycleActor(p2.Ref)), TestActor);
        ExpectMsg<IActorRef>();
        p1.ExpectMsg("preStart");
        p2.ExpectMsg("preStart");
        c1.Tell("boom", TestActor);
        p1.FishForMessage<string>(s => s == "postRestart:boom");
        p2.FishForMessage<string>(s => s == "postRestart:boom");
    }

    [Fact]
    public void Must_stop_with_AllForOne_Stop_every_child()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Stop))));
        supervisor.Tell(Props.Create<EchoActor>(), TestActor);
        var c1 = ExpectMsg<IActorRef>();
        supervisor.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var c2 = StartedChild();
        Watch(c1);
        Watch(c2);
        c2.Tell("boom", TestActor);
        ExpectMsgAllOf<object>("postStop", new Terminated(c1, true, false), new Terminated(c2, true, false));
    }

    [Fact]
    public void Must_choose_the_directive_by_exception_type()
    {
        var child = ChildOf(new OneForOneStrategy(ex => ex is ArgumentException ? Directive.Resume : Directive.Stop), out _);
        Watch(child);
        child.Tell("inc", TestActor);
        child.Tell("argh", TestActor); // resumed
        child.Tell("state?", TestActor);
        ExpectMsg(1);
        child.Tell("boom", TestActor); // stopped
        ExpectMsg("postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Must_stop_an_actor_whose_constructor_throws()
    {
        var actor = Sys.ActorOf(Props.Create<Exploding>());
        Watch(actor);
        ExpectTerminated(actor);
    }

    private sealed class Exploding : ReceiveActor
    {
        public Exploding() => throw new InvalidOperationException("cannot start");
    }

    [Fact]
    public void Must_stop_on_Kill_and_process_PoisonPill_in_mailbox_order()
    {
        var a = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("preStart");
        Watch(a);
        a.Tell(1, TestActor);
        a.Tell(PoisonPill.Instance, TestActor);
        a.Tell(2, TestActor);
        ExpectMsg(1);
        ExpectMsg("postStop");
        ExpectTerminated(a);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        var b = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("preStart");
        Watch(b);
        b.Tell(Kill.Instance, TestActor);
        ExpectMsg("postStop");
        ExpectTerminated(b);
    }
}
