using XenActors.Actor;
using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

public sealed class ClusterDeathWatchSpec(ITestOutputHelper output)
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef subject, IActorRef report)
        {
            Context.Watch(subject);
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }

    private sealed class Quiet : ReceiveActor
    {
        public Quiet() => ReceiveAny(_ => { });
    }

    [Fact]
    public void Must_fire_remote_death_watch_when_a_member_node_is_lost()
    {
        using var cluster = new InProcessCluster(output);
        cluster.Start(3);
        cluster.AwaitMembersUp(3);
        var target = cluster[2].System.ActorOf(Props.Create<Quiet>(), "target");
        var remoteTarget = cluster[0].Remote.Resolve(cluster[2].Remote.ToSerializedPath(target));
        var probe = new XenActors.TestKit.TestProbe(cluster[0].System);
        cluster[0].System.ActorOf(Props.Create(() => new Watcher(remoteTarget, probe.Ref)), "watcher");
        cluster.Kill(cluster[2]);
        var terminated = probe.ExpectMsg<Terminated>(TimeSpan.FromSeconds(30));
        Assert.True(terminated.AddressTerminated);
        Assert.Equal(remoteTarget, terminated.ActorRef);
    }
}
