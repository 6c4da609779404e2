using XenActors.Actor;

namespace XenActors.Runtime.Tests.Actor;

public sealed class FunctionRefSpec : TestKit.TestKit
{
    /// <summary>Hands out a function ref that records what it is told, on which thread, and with which sender.</summary>
    private sealed class Owner : ReceiveActor
    {
        public Owner(List<(object Message, IActorRef? Sender, int Thread)> seen) =>
            Receive<string>(s => s == "ref", _ => Sender.Tell(Context.AddFunctionRef((m, sender) => seen.Add((m, sender, Environment.CurrentManagedThreadId)))));
    }

    [Fact]
    public void Must_run_the_function_on_the_senders_thread_at_once()
    {
        var seen = new List<(object Message, IActorRef? Sender, int Thread)>();
        var owner = Sys.ActorOf(Props.Create(() => new Owner(seen)));
        owner.Tell("ref", TestActor);
        var function = ExpectMsg<IActorRef>();

        function.Tell(42, TestActor);

        var (message, sender, thread) = Assert.Single(seen);
        Assert.Equal(42, message);
        Assert.Equal(TestActor, sender);
        Assert.Equal(Environment.CurrentManagedThreadId, thread);
        Assert.StartsWith(owner.Path.ToString() + "/$$", function.Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Must_go_quiet_when_its_owner_stops()
    {
        var seen = new List<(object Message, IActorRef? Sender, int Thread)>();
        var owner = Sys.ActorOf(Props.Create(() => new Owner(seen)));
        owner.Tell("ref", TestActor);
        var function = ExpectMsg<IActorRef>();
        Watch(owner);
        Sys.Stop(owner);
        ExpectTerminated(owner);

        function.Tell(1, TestActor);

        Assert.Empty(seen);
    }
}
