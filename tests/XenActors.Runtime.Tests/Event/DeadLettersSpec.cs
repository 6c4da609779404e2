using XenActors.Actor;
using XenActors.Event;

namespace XenActors.Runtime.Tests.Event;

public sealed class DeadLettersSpec : TestKit.TestKit
{
    [Fact]
    public void Must_publish_messages_to_a_stopped_actor_as_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create<Runtime.Tests.Actor.EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        actor.Tell("late", TestActor);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("late", letter.Message);
        Assert.Equal(TestActor, letter.Sender);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public void Must_log_dead_letters_as_well_as_publish_them()
    {
        var actor = Sys.ActorOf(Props.Create<Runtime.Tests.Actor.EchoActor>());
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        EventFilter.Info("was not delivered").ExpectOne(() => actor.Tell("late", TestActor));
    }

    [Fact]
    public void Must_flush_queued_messages_of_a_stopping_actor_to_dead_letters()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var slow = Sys.ActorOf(Props.Create<Blocker>());
        var gate = new ManualResetEventSlim();
        slow.Tell(gate, TestActor);
        slow.Tell(PoisonPill.Instance, TestActor);
        slow.Tell("queued-1", TestActor);
        slow.Tell("queued-2", TestActor);
        gate.Set();
        var letters = ReceiveN(2).Cast<DeadLetter>().Select(d => d.Message).ToList();
        Assert.Equal(["queued-1", "queued-2"], letters);
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker()
        {
            Receive<ManualResetEventSlim>(g => g.Wait(TimeSpan.FromSeconds(10)));
            ReceiveAny(_ => { });
        }
    }
}
