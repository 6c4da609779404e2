using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// The driver node's process dies in the middle of a hot-unplug: dom0, which death-watches pciback, destroys the
/// driver domain and xend reclaims: the device back in the pool, the backend entries gone.
/// </summary>
[Collection("split-host")]
public sealed class SplitHostDriverDeathSpec(OneGuestSplitCluster cluster, ITestOutputHelper output) : SplitHostSpecBase(cluster, output), IClassFixture<OneGuestSplitCluster>
{
    [Fact]
    public async Task Must_return_the_device_to_the_pool_and_clean_the_backend_when_the_driver_node_is_killed_mid_detach()
    {
        await PoolAsync("0000:00:1d.0");
        var dom = (await Ok(new XmCreate("survivor"))).Domid;
        await Ok(new XmPciAttach(dom, "0000:00:1d.0"));
        var driver = Cluster.Node("host-1-driver");

        // Frozen first, so pciback cannot answer; killed once xend has started the detach (state-0 Closing).
        await SignalAsync(driver.Pid, "STOP");
        var mark = JournalMark();
        var detach = Probe.XmAsync(new XmPciDetach(dom, "0000:00:1d.0"));
        await AwaitConditionAsync(() => StateSequence(dom, mark).Contains("state-0 5"), TimeSpan.FromSeconds(20));
        await SignalAsync(driver.Pid, "KILL");

        var result = await detach;
        Assert.False(result.Success);
        Assert.Equal("driver domain 1 died during the operation; the device was returned to the pool", result.Message);
        await AwaitAssertAsync(async () => Assert.Equal(DomainIds.Io, await OwnerOf("0000:00:1d.0")), TimeSpan.FromSeconds(30));
        await AwaitAssertAsync(async () => Assert.Empty(await LsAsync("/local/domain/1")), TimeSpan.FromSeconds(30));
        // The driver domain and every backend entry gone; the guest lives on without the device.
        Assert.Equal(string.Join("\n",
            "/local = \"\"",
            "/local/domain = \"\"",
            "/local/domain/0 = \"\"",
            "/local/domain/0/name = \"Domain-0\"",
            "/local/domain/0/domid = \"0\"",
            $"/local/domain/{dom} = \"\"",
            $"/local/domain/{dom}/name = \"survivor\"",
            $"/local/domain/{dom}/domid = \"{dom}\"",
            $"/local/domain/{dom}/vm = \"/vm/{dom}\"",
            $"/local/domain/{dom}/device = \"\"",
            $"/local/domain/{dom}/device/pci = \"\"",
            $"/local/domain/{dom}/control = \"\"",
            $"/local/domain/{dom}/data = \"\"",
            ""), await WholeTreeAsync());
        await AssertOwnershipInvariantAsync();
    }
}
