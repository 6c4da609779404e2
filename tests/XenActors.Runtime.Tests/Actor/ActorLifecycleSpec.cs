using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class ActorLifecycleSpec : TestKit.TestKit
{
    [Fact]
    public void Must_call_PreStart_before_the_first_message_and_PostStop_after_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        actor.Tell("hello", TestActor);
        ExpectMsg("preStart");
        ExpectMsg("hello");
        Sys.Stop(actor);
        ExpectMsg("postStop");
    }

    [Fact]
    public void Must_refuse_a_duplicate_sibling_name()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "xend");
        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "xend"));
        Assert.Contains("not unique", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$reserved")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("")]
    public void Must_refuse_illegal_names(string name) =>
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));

    [Fact]
    public void Must_free_a_name_once_its_actor_has_stopped()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "pciback");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() => Sys.ActorOf(Props.Create<EchoActor>(), "pciback"));
    }

    [Fact]
    public void Must_give_every_incarnation_a_new_uid()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>(), "again");
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        IActorRef? b = null;
        AwaitAssert(() => b = Sys.ActorOf(Props.Create<EchoActor>(), "again"));
        Assert.Equal(a.Path, b!.Path);
        Assert.NotEqual(a.Path.Uid, b.Path.Uid);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Must_refuse_to_construct_an_actor_with_new()
    {
        var ex = Assert.Throws<ActorInitializationException>(() => new EchoActor());
        Assert.Contains("ActorOf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_list_and_find_children_through_the_context()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy)), "parent");
        parent.Tell((Props.Create<EchoActor>(), "a"), TestActor);
        parent.Tell((Props.Create<EchoActor>(), "b"), TestActor);
        var a = ExpectMsg<IActorRef>();
        ExpectMsg<IActorRef>();
        Assert.Equal("xen://test/user/parent/a", a.Path.ToString());
    }

    [Fact]
    public void Must_answer_Identify_with_its_ref()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        actor.Tell(new Identify(7), TestActor);
        ExpectMsg(new ActorIdentity(7, actor));
    }

    [Fact]
    public async Task Must_terminate_the_system_after_running_every_PostStop()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Sys.ActorOf(Props.Create(() => new StopReporter(stopped)));
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stopped.Task.IsCompleted);
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    private sealed class StopReporter : ReceiveActor
    {
        private readonly TaskCompletionSource _stopped;
        public StopReporter(TaskCompletionSource stopped) => _stopped = stopped;
        protected override void PostStop() => _stopped.SetResult();
    }
}
