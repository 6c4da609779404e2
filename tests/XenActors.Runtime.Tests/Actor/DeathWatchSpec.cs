using XenActors.Actor;
using XenActors.TestKit;

namespace XenActors.Runtime.Tests.Actor;

public sealed class DeathWatchSpec : TestKit.TestKit
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, IActorRef report, object? custom)
        {
            if (custom is null) Context.Watch(subject);
            else Context.WatchWith(subject, custom);
            Receive<Terminated>(t => report.Tell(t));
            Receive<string>(s => s == "unwatch", _ => { Context.Unwatch(subject); Sender.Tell("unwatched"); });
            ReceiveAny(m => report.Tell(m));
        }
    }

    [Fact]
    public void Must_notify_with_one_Terminated_when_actor_is_stopped()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor, null)));
        // The watcher's constructor (and its Watch) has run once it answers; only then is the death one it saw happen.
        watcher.Tell("ready", TestActor);
        ExpectMsg("ready");
        Sys.Stop(subject);
        var t = ExpectMsg<Terminated>();
        Assert.Equal(subject, t.ActorRef);
        Assert.True(t.ExistenceConfirmed);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Must_notify_at_once_when_watching_an_already_dead_actor()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);
        // A second watcher arrives after the death: it still gets Terminated, existence not confirmed.
        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor, null)));
        var t = ExpectMsg<Terminated>();
        Assert.Equal(subject, t.ActorRef);
        Assert.False(t.ExistenceConfirmed);
    }

    [Fact]
    public void Must_notify_when_watching_a_path_where_nothing_lives()
    {
        var nothing = ((ActorSystemImpl)Sys).ResolveActorRef(ActorPath.Parse("xen://test/user/nobody-here"));
        Watch(nothing);
        ExpectTerminated(nothing);
    }

    [Fact]
    public void Must_deliver_the_custom_message_of_WatchWith()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor, "it-died")));
        watcher.Tell("ready", TestActor);
        ExpectMsg("ready");
        Sys.Stop(subject);
        ExpectMsg("it-died");
    }

    [Fact]
    public void Must_not_notify_after_Unwatch()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor, null)));
        watcher.Tell("unwatch", TestActor);
        ExpectMsg("unwatched");
        Sys.Stop(subject);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Must_stop_a_watcher_that_does_not_handle_Terminated_with_a_DeathPactException()
    {
        var subject = Sys.ActorOf(Props.Create<EchoActor>());
        var careless = Sys.ActorOf(Props.Create(() => new Careless(subject)));
        Watch(careless);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(subject));
        ExpectTerminated(careless);
    }

    private sealed class Careless : ReceiveActor
    {
        public Careless(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public void Must_stop_children_before_the_parent_and_notify_watchers_of_each()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)));
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor)), TestActor);
        var started = ReceiveN(2); // preStart and the reply come from different actors: any order
        Assert.Contains("preStart", started);
        var child = started.OfType<IActorRef>().Single();
        Watch(child);
        Watch(parent);
        Sys.Stop(parent);
        ExpectMsg("postStop");
        ExpectTerminated(child);
        ExpectTerminated(parent);
    }
}
