using XenActors.Actor;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

public sealed class RemoteMessagingSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    [Fact]
    public void Must_deliver_Tell_to_a_remote_actor_and_let_it_reply_to_the_sender()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RefOn(Remote, echo, otherRemote);
        Assert.Equal(otherRemote.Address, remoteEcho.Path.Address);
        remoteEcho.Tell("hello", TestActor);
        ExpectMsg("hello", TimeSpan.FromSeconds(10));
        Assert.Equal(remoteEcho, LastSender);
    }

    [Fact]
    public async Task Must_answer_an_Ask_across_nodes()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var reply = await RefOn(Remote, echo, otherRemote).Ask<int>(42, TimeSpan.FromSeconds(10));
        Assert.Equal(42, reply);
    }

    [Fact]
    public async Task Must_resolve_and_tell_through_a_remote_ActorSelection()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var selection = Sys.ActorSelection($"{otherRemote.Address}/user/echo");
        var resolved = await selection.ResolveOne(TimeSpan.FromSeconds(10));
        Assert.Equal(echo.Path.Elements, resolved.Path.Elements);
        Assert.Equal(otherRemote.Address, resolved.Path.Address);
        selection.Tell("via selection", TestActor);
        ExpectMsg("via selection", TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection($"{otherRemote.Address}/user/nobody").ResolveOne(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Must_keep_order_per_sender_and_receiver_without_duplicates()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RefOn(Remote, echo, otherRemote);
        const int count = 20_000;
        for (var i = 0; i < count; i++) remoteEcho.Tell(i, TestActor);
        for (var i = 0; i < count; i++) ExpectMsg(i, TimeSpan.FromSeconds(20));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Must_pass_refs_inside_messages_so_the_receiver_can_answer_a_third_party()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var probe = CreateTestProbe();
        RefOn(Remote, echo, otherRemote).Tell(new Identify("who"), probe.Ref);
        var identity = probe.ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(10));
        Assert.Equal("who", identity.MessageId);
        Assert.Equal(otherRemote.Address, identity.Subject!.Path.Address);
    }
}
