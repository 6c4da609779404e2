using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Configuration;
using XenActors.Actor;
using XenActors.Cluster.Downing;
using XenActors.Cluster.FailureDetection;

namespace XenActors.Cluster.Tests;

public sealed class ClusterUnitSpec
{
    private static UniqueAddress Node(int port) => new(new Address("xen", "c", "127.0.0.1", port), port * 10L);

    [Fact]
    public void Phi_must_grow_with_silence_and_cross_the_threshold_after_the_acceptable_pause()
    {
        var settings = new FailureDetectorSettings();
        var fd = new PhiAccrualFailureDetector(settings);
        for (var t = 0L; t <= 10_000; t += 1000) fd.Heartbeat(t);
        Assert.True(fd.IsAvailable(11_000));
        Assert.True(fd.IsAvailable(12_500));
        Assert.False(fd.IsAvailable(20_000));
        Prop.ForAll<ushort, ushort>((a, b) =>
        {
            var (lo, hi) = a <= b ? (a, b) : (b, a);
            return fd.Phi(10_000 + lo) <= fd.Phi(10_000 + hi);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Keep_majority_must_down_the_smaller_side_and_break_ties_by_lowest_address()
    {
        var settings = new DowningSettings();
        var all = new[] { Node(1), Node(2), Node(3), Node(4), Node(5) };
        Assert.Equal([Node(4), Node(5)], SplitBrainResolver.Decide(settings, all, new HashSet<UniqueAddress> { Node(4), Node(5) }, out _));
        Assert.Equal([Node(1), Node(2)], SplitBrainResolver.Decide(settings, all, new HashSet<UniqueAddress> { Node(3), Node(4), Node(5) }, out _).Take(2));
        var four = all.Take(4).ToArray();
        Assert.Equal([Node(3), Node(4)], SplitBrainResolver.Decide(settings, four, new HashSet<UniqueAddress> { Node(3), Node(4) }, out _));
        Assert.Equal([Node(3), Node(4)], SplitBrainResolver.Decide(settings, four, new HashSet<UniqueAddress> { Node(1), Node(2) }, out _));
    }

    [Fact]
    public void Gossip_merge_must_be_commutative_associative_and_idempotent()
    {
        var statuses = new[] { MemberStatus.Joining, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed };
        Gossip Build(int[] steps)
        {
            var g = Gossip.Empty;
            foreach (var step in steps ?? [])
            {
                var node = Node(1 + Math.Abs(step % 4));
                if (!g.Members.ContainsKey(node)) g = g.WithMember(new Member(node, MemberStatus.Joining, [], 0));
                g = g.WithStatus(node, statuses[Math.Abs(step / 4 % statuses.Length)], Math.Abs(step % 7));
                g = g.WithReachability(Node(1), node, step % 2 == 0);
            }
            return g;
        }
        Prop.ForAll<int[], int[], int[]>((x, y, z) =>
        {
            var (a, b, c) = (Build(x), Build(y), Build(z));
            return a.Merge(b).Digest == b.Merge(a).Digest
                && a.Merge(b).Merge(c).Digest == a.Merge(b.Merge(c)).Digest
                && a.Merge(a).Digest == a.Digest;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("seedNodes:0", "nowhere", "xenactors:cluster:seedNodes:0")]
    [InlineData("failureDetector:threshold", "-1", "xenactors:cluster:failureDetector:threshold")]
    [InlineData("downing:strategy", "coin-flip", "xenactors:cluster:downing:strategy")]
    [InlineData("gossipInterval", "often", "xenactors:cluster:gossipInterval")]
    [InlineData("roles:0", "bad role!", "xenactors:cluster:roles:0")]
    public void Must_refuse_a_bad_setting_naming_its_key(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"xenactors:cluster:{key}"] = value }).Build();
        var ex = Assert.Throws<ConfigurationException>(() => ClusterSettings.From(configuration));
        Assert.Contains(named, ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
