using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

public sealed class SplitBrainSpec(ITestOutputHelper output)
{
    [Fact]
    public void Must_down_a_blackholed_minority_and_let_the_majority_go_on()
    {
        using var cluster = new InProcessCluster(output);
        cluster.Start(5);
        cluster.AwaitMembersUp(5);
        var minority = new[] { cluster[3], cluster[4] };
        var majority = new[] { cluster[0], cluster[1], cluster[2] };
        cluster.Partition(minority);
        cluster.AwaitMembersUp(3, on: majority, timeout: TimeSpan.FromSeconds(40));
        // The minority downed itself: both of its nodes stopped, so the two sides never both act.
        cluster.AwaitCondition(() => minority.All(n => !n.IsRunning), TimeSpan.FromSeconds(40), "the minority to shut down");
        Assert.All(majority, n => Assert.True(n.IsRunning));
    }

    [Fact]
    public void Must_down_the_side_below_a_static_quorum()
    {
        using var cluster = new InProcessCluster(output, _ =>
        {
            var settings = FastClusterSettings.Cluster();
            settings.Downing = new DowningSettings { Strategy = DowningSettings.StaticQuorum, QuorumSize = 2, StableAfter = TimeSpan.FromSeconds(2) };
            return settings;
        });
        cluster.Start(3);
        cluster.AwaitMembersUp(3);
        var alone = new[] { cluster[2] };
        cluster.Partition(alone);
        cluster.AwaitMembersUp(2, on: [cluster[0], cluster[1]], timeout: TimeSpan.FromSeconds(40));
        cluster.AwaitCondition(() => !cluster[2].IsRunning, TimeSpan.FromSeconds(40), "the node below quorum to shut down");
    }
}
