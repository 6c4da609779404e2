using XenActors.Actor;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

public sealed class HandshakeSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    [Fact]
    public void Must_refuse_a_node_with_a_wrong_secret_and_log_why()
    {
        var (intruder, intruderRemote) = NewNode(settings: Settings(secret: "wrong"));
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        var probe = new XenActors.TestKit.TestProbe(intruder);
        EventFilter.Warning("wrong cluster secret").ExpectOne(() =>
            RefOn(intruderRemote, echo, Remote).Tell("let me in", probe.Ref));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.False(Remote.IsAssociated(intruderRemote.Address));
    }

    [Fact]
    public void Must_refuse_a_node_that_asks_for_another_system_name()
    {
        var (stranger, strangerRemote) = NewNode(name: "elsewhere");
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        // The stranger addresses our actor but by its own system name: the handshake names the wrong system.
        var wrongPath = $"xen://elsewhere@{Remote.Address.Host}:{Remote.Address.Port}/user/echo";
        var probe = new XenActors.TestKit.TestProbe(stranger);
        EventFilter.Warning("asked for actor system [elsewhere]").ExpectOne(() => strangerRemote.Resolve(wrongPath).Tell("hi", probe.Ref));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        _ = echo;
    }

    [Fact]
    public async Task Must_quarantine_the_old_incarnation_when_a_node_restarts_on_the_same_port()
    {
        var (first, firstRemote) = NewNode();
        var port = firstRemote.Address.Port!.Value;
        var oldUid = firstRemote.Uid;
        first.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = Remote.Resolve($"{firstRemote.Address}/user/echo");
        remoteEcho.Tell("old", TestActor);
        ExpectMsg("old", TimeSpan.FromSeconds(10));
        Watch(remoteEcho);
        await firstRemote.AbortAsync();
        await first.Terminate();

        var quarantined = CreateTestProbe();
        Sys.EventStream.Subscribe(quarantined.Ref, typeof(QuarantinedEvent));
        var (second, secondRemote) = NewNode(settings: Settings(port: port));
        Assert.NotEqual(oldUid, secondRemote.Uid);
        second.ActorOf(Props.Create<Echo>(), "echo");
        await AwaitAssertAsync(async () =>
        {
            remoteEcho.Tell("new", TestActor);
            Assert.Equal("new", await Task.Run(() => FishForMessage<object>(m => m is "new", TimeSpan.FromSeconds(1))));
        }, TimeSpan.FromSeconds(20));
        var q = quarantined.FishForMessage<QuarantinedEvent>(e => e.Uid == oldUid, TimeSpan.FromSeconds(10));
        Assert.Equal(firstRemote.Address, q.RemoteAddress);
        Assert.True(Remote.IsQuarantined(oldUid));
        Assert.False(Remote.IsQuarantined(secondRemote.Uid));
    }
}
