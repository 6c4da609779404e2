using XenActors.Actor;
using XenActors.TestKit;

namespace XenActors.Runtime.Tests.Actor;

public sealed class AskSpec : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("nope"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "number", _ => Sender.Tell(42));
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant()));
        }
    }

    [Fact]
    public async Task Must_complete_with_the_reply()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("HI", await replier.Ask<string>("hi", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Must_throw_AskTimeoutException_naming_the_target_when_no_reply_comes()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>(), "quiet");
        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => replier.Ask<string>("silent", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("quiet", ex.Message, StringComparison.Ordinal);
        Assert.Contains("100 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Must_throw_the_cause_of_a_Status_Failure_reply()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => replier.Ask<string>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("nope", ex.Message);
    }

    [Fact]
    public async Task Must_fail_with_ArgumentException_on_a_reply_of_the_wrong_type()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        await Assert.ThrowsAsync<ArgumentException>(() => replier.Ask<string>("number", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Must_be_cancelable()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var ask = replier.Ask<string>("silent", null, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }

    [Fact]
    public async Task Must_time_out_when_asking_a_stopped_actor_and_publish_a_dead_letter()
    {
        var replier = Sys.ActorOf(Props.Create<Replier>());
        Watch(replier);
        Sys.Stop(replier);
        ExpectTerminated(replier);
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<XenActors.Event.DeadLetter>(letters.Ref);
        await Assert.ThrowsAsync<AskTimeoutException>(() => replier.Ask<string>("hi", TimeSpan.FromMilliseconds(200)));
        letters.ExpectMsg<XenActors.Event.DeadLetter>(d => (string)d.Message == "hi");
    }

    [Fact]
    public async Task Must_pipe_a_task_result_and_a_fault_to_an_actor()
    {
        _ = Task.FromResult(7).PipeTo(TestActor);
        ExpectMsg(7);
        await Task.FromException<int>(new InvalidOperationException("bad")).PipeTo(TestActor);
        ExpectMsg<Status.Failure>(f => f.Cause is InvalidOperationException);
    }
}
