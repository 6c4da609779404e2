using XenActors.Actor;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

public sealed class RemoteDeathWatchSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    [Fact]
    public void Must_deliver_Terminated_when_the_remote_actor_stops()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RefOn(Remote, echo, otherRemote);
        remoteEcho.Tell("ping", TestActor);
        ExpectMsg("ping", TimeSpan.FromSeconds(10));
        Watch(remoteEcho);
        AwaitCondition(() => other.GetExtension<Remoting>()!.IsAssociated(Remote.Address), TimeSpan.FromSeconds(10));
        remoteEcho.Tell(PoisonPill.Instance, TestActor);
        var terminated = ExpectMsg<Terminated>(TimeSpan.FromSeconds(10));
        Assert.Equal(remoteEcho, terminated.ActorRef);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void Must_deliver_Terminated_at_once_for_a_remote_actor_that_does_not_exist()
    {
        var (_, otherRemote) = NewNode();
        var ghost = Remote.Resolve($"{otherRemote.Address}/user/ghost");
        Watch(ghost);
        var terminated = ExpectMsg<Terminated>(TimeSpan.FromSeconds(10));
        Assert.Equal(ghost.Path, terminated.ActorRef.Path);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public async Task Must_deliver_Terminated_with_AddressTerminated_when_the_node_is_lost()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RefOn(Remote, echo, otherRemote);
        remoteEcho.Tell("ping", TestActor);
        ExpectMsg("ping", TimeSpan.FromSeconds(10));
        Watch(remoteEcho);
        await otherRemote.AbortAsync(); // the process "dies": no goodbye, no death notice
        var terminated = ExpectMsg<Terminated>(TimeSpan.FromSeconds(15));
        Assert.True(terminated.AddressTerminated);
        Assert.Equal(remoteEcho, terminated.ActorRef);
    }

    [Fact]
    public void Must_deliver_Terminated_when_the_remote_node_shuts_down_gracefully()
    {
        var (other, otherRemote) = NewNode();
        var echo = other.ActorOf(Props.Create<Echo>(), "echo");
        var remoteEcho = RefOn(Remote, echo, otherRemote);
        remoteEcho.Tell("ping", TestActor);
        ExpectMsg("ping", TimeSpan.FromSeconds(10));
        Watch(remoteEcho);
        AwaitCondition(() => otherRemote.IsAssociated(Remote.Address), TimeSpan.FromSeconds(10));
        other.Terminate();
        ExpectMsg<Terminated>(TimeSpan.FromSeconds(15));
    }
}
