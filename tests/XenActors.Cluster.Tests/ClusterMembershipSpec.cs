using XenActors.Actor;
using XenActors.Cluster.Events;
using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

public sealed class ClusterMembershipSpec(ITestOutputHelper output) : IDisposable
{
    private readonly InProcessCluster _cluster = new(output, i => FastClusterSettings.Cluster(i % 2 == 0 ? "dom0" : "guest"));

    [Fact]
    public void Must_form_a_five_node_cluster_from_two_seeds_and_converge()
    {
        _cluster.Start(5, seedCount: 2);
        _cluster.AwaitMembersUp(5);
        // Akka's leader: the lowest address among Up members, the same on every node once converged.
        var lowest = _cluster.Nodes.Select(n => n.Address).Min();
        _cluster.AwaitCondition(() => _cluster.Nodes.All(n => n.Cluster.State.Leader == lowest), what: "the lowest address as leader everywhere");
        Assert.All(_cluster.Nodes, n => Assert.Equal(5, n.Cluster.State.Members.Select(m => m.UpNumber).Distinct().Count()));
        var member = _cluster[3].Cluster.State.Members.Single(m => m.Address == _cluster[2].Address);
        Assert.True(member.HasRole("dom0"));
    }

    [Fact]
    public void Must_remove_a_killed_node_on_every_other_node()
    {
        _cluster.Start(4);
        _cluster.AwaitMembersUp(4);
        var probe = new XenActors.TestKit.TestProbe(_cluster[0].System);
        _cluster[0].Cluster.Subscribe(probe.Ref, InitialStateMode.InitialStateAsEvents, typeof(UnreachableMember), typeof(MemberRemoved));
        var victim = _cluster[3];
        _cluster.Kill(victim);
        var unreachable = probe.FishForMessage<UnreachableMember>(_ => true, TimeSpan.FromSeconds(20));
        Assert.Equal(victim.Address, unreachable.Member.Address);
        var removed = probe.FishForMessage<MemberRemoved>(_ => true, TimeSpan.FromSeconds(20));
        Assert.Equal(victim.Address, removed.Member.Address);
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        _cluster.AwaitMembersUp(3, timeout: TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Must_leave_gracefully_through_CoordinatedShutdown()
    {
        _cluster.Start(3);
        _cluster.AwaitMembersUp(3);
        var probe = new XenActors.TestKit.TestProbe(_cluster[0].System);
        _cluster[0].Cluster.Subscribe(probe.Ref, InitialStateMode.InitialStateAsEvents, typeof(MemberLeft), typeof(MemberExited), typeof(MemberRemoved));
        var leaving = _cluster[2];
        await CoordinatedShutdown.Get(leaving.System).Run(CoordinatedShutdown.UnknownReason.Instance).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(leaving.Address, probe.FishForMessage<MemberLeft>(_ => true, TimeSpan.FromSeconds(10)).Member.Address);
        var removed = probe.FishForMessage<MemberRemoved>(_ => true, TimeSpan.FromSeconds(10));
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        Assert.True(leaving.System.WhenTerminated.IsCompleted);
        _cluster.AwaitMembersUp(2);
    }

    [Fact]
    public void Must_send_a_snapshot_then_MemberUp_to_subscribers()
    {
        _cluster.Start(1, seedCount: 1);
        _cluster.AwaitMembersUp(1);
        var probe = new XenActors.TestKit.TestProbe(_cluster[0].System);
        _cluster[0].Cluster.Subscribe(probe.Ref, typeof(MemberUp));
        var snapshot = probe.ExpectMsg<CurrentClusterState>(TimeSpan.FromSeconds(10));
        Assert.Single(snapshot.Members);
        var joiner = _cluster.StartNode(port: 0, join: true);
        var up = probe.FishForMessage<MemberUp>(e => e.Member.Address == joiner.Address, TimeSpan.FromSeconds(20));
        Assert.True(up.Member.UpNumber > 0);
    }

    public void Dispose() => _cluster.Dispose();
}
