using XenActors.TestKit.MultiNode;
using Xunit.Abstractions;

namespace XenActors.Cluster.Tests;

public sealed class RestartSpec(ITestOutputHelper output)
{
    [Fact]
    public void Must_quarantine_the_old_incarnation_and_let_the_new_one_join_on_the_same_port()
    {
        using var cluster = new InProcessCluster(output);
        cluster.Start(3);
        cluster.AwaitMembersUp(3);
        var old = cluster[2];
        var oldUid = old.Cluster.SelfUniqueAddress.Uid;
        cluster.Kill(old);
        var reborn = cluster.StartNode(old.Port, join: true);
        Assert.NotEqual(oldUid, reborn.Cluster.SelfUniqueAddress.Uid);
        cluster.AwaitMembersUp(3, timeout: TimeSpan.FromSeconds(40));
        cluster.AwaitCondition(() => cluster[0].Cluster.State.Members.Any(m => m.UniqueAddress == reborn.Cluster.SelfUniqueAddress), what: "the new incarnation as a member");
        Assert.DoesNotContain(cluster[0].Cluster.State.Members, m => m.UniqueAddress.Uid == oldUid);
        cluster.AwaitCondition(() => cluster[0].Remote.IsQuarantined(oldUid) && cluster[1].Remote.IsQuarantined(oldUid), what: "the old uid quarantined");
    }
}
