using System.Diagnostics;
using XenActors.Actor;
using XenActors.Remote.Faults;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

public sealed class FaultInjectionSpec : RemoteSpec
{
    private readonly Remoting _otherRemote;
    private readonly IActorRef _remoteEcho;

    public FaultInjectionSpec(ITestOutputHelper output) : base(output)
    {
        var (other, otherRemote) = NewNode();
        _otherRemote = otherRemote;
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        _remoteEcho = RefOn(Remote, echo, otherRemote);
        _remoteEcho.Tell("warm-up", TestActor);
        ExpectMsg("warm-up", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Must_drop_both_ways_while_blackholed_and_recover_on_pass_through()
    {
        Remote.Faults.Blackhole(_otherRemote.Address);
        _remoteEcho.Tell("lost", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Remote.Faults.PassThrough(_otherRemote.Address);
        _remoteEcho.Tell("back", TestActor);
        ExpectMsg("back", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Must_drop_only_one_way()
    {
        // Our sends go out, the replies are dropped on the way in.
        Remote.Faults.Blackhole(_otherRemote.Address, Direction.Receive);
        var probe = new XenActors.TestKit.TestProbe(_otherRemote.System);
        var ourProbe = CreateTestProbe();
        var watcherOnOther = _otherRemote.Resolve(Remote.ToSerializedPath(ourProbe.Ref));
        watcherOnOther.Tell("from other", probe.Ref);
        ourProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        // The echo replies to a probe on its own node: its arrival proves our send got through.
        _remoteEcho.Tell("one way", RefOn(Remote, probe.Ref, _otherRemote));
        probe.ExpectMsg("one way", TimeSpan.FromSeconds(10));
        Remote.Faults.PassThrough(_otherRemote.Address);
    }

    [Fact]
    public void Must_add_delay_to_every_message()
    {
        Remote.Faults.Delay(_otherRemote.Address, TimeSpan.FromMilliseconds(400));
        var watch = Stopwatch.StartNew();
        _remoteEcho.Tell("slow", TestActor);
        ExpectMsg("slow", TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"round trip took {watch.Elapsed}");
        Remote.Faults.PassThrough(_otherRemote.Address);
    }

    [Fact]
    public void Must_throttle_the_byte_rate()
    {
        Remote.Faults.Throttle(_otherRemote.Address, Direction.Send, bytesPerSecond: 2_000);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) _remoteEcho.Tell(i, TestActor); // about 20 x 100 bytes: at least ~1 s
        for (var i = 0; i < 20; i++) ExpectMsg(i, TimeSpan.FromSeconds(20));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(600), $"20 throttled messages took {watch.Elapsed}");
        Remote.Faults.PassThrough(_otherRemote.Address);
    }

    [Fact]
    public void Must_sever_the_link_until_passed_through()
    {
        Remote.Faults.Sever(_otherRemote.Address);
        AwaitCondition(() => !Remote.IsAssociated(_otherRemote.Address), TimeSpan.FromSeconds(10));
        _remoteEcho.Tell("cut", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Remote.Faults.PassThrough(_otherRemote.Address);
        AwaitAssert(() =>
        {
            _remoteEcho.Tell("healed", TestActor);
            FishForMessage<object>(m => m is "healed", TimeSpan.FromSeconds(1));
        }, TimeSpan.FromSeconds(15));
    }
}
