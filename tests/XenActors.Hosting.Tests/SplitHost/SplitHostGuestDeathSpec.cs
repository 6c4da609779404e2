using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>A guest node's process dies in the middle of a hot-plug: dom0 destroys its domain and xend reclaims.</summary>
[Collection("split-host")]
public sealed class SplitHostGuestDeathSpec(OneGuestSplitCluster cluster, ITestOutputHelper output) : SplitHostSpecBase(cluster, output), IClassFixture<OneGuestSplitCluster>
{
    [Fact]
    public async Task Must_fail_an_attach_whose_guest_node_is_killed_midway_and_leave_the_host_as_before_the_guest()
    {
        await PoolAsync("0000:03:00.0");
        var tree = await WholeTreeAsync();
        var owners = await OwnersAsync();
        var dom = (await Ok(new XmCreate("victim"))).Domid;
        var (_, node) = await KernelOf(dom);

        // Frozen first, so pcifront cannot answer; killed once xend has started the attach.
        await SignalAsync(node.Pid, "STOP");
        var mark = JournalMark();
        var attach = Probe.XmAsync(new XmPciAttach(dom, "0000:03:00.0"));
        await AwaitConditionAsync(() => StateSequence(dom, mark).Contains("state-0 1"), TimeSpan.FromSeconds(20));
        await SignalAsync(node.Pid, "KILL");

        var result = await attach;
        Assert.False(result.Success, result.Message);
        await AwaitAssertAsync(async () => Assert.DoesNotContain("/local/domain/" + dom.ToString(System.Globalization.CultureInfo.InvariantCulture), await WholeTreeAsync(), StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        // As before the guest existed; only the driver domain's (empty) backend directory, made by the first attach, stays.
        Assert.Equal(tree + "/local/domain/1/backend = \"\"\n/local/domain/1/backend/pci = \"\"\n", await WholeTreeAsync());
        Assert.Equal(owners, await OwnersAsync());
        Assert.Equal(DomainIds.Io, await OwnerOf("0000:03:00.0"));
        await AssertOwnershipInvariantAsync();
    }
}
