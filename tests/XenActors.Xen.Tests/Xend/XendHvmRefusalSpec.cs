using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Xen.Tests.Xend;

/// <summary>An HVM pci-attach ioemu refuses (the seed's Enhancement 1) leaves everything as it was.</summary>
public sealed class XendHvmRefusalSpec : TestKit.TestKit
{
    [Fact]
    public async Task Must_refuse_a_non_page_aligned_BAR_without_reassignment_through_xend_and_change_nothing()
    {
        var probe = new HostProbe(new InProcessXenHost(Sys, new PciInventory([SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true)]), timeout: TimeSpan.FromSeconds(5)));
        await probe.Ok(new XmPciAssignableAdd("0000:00:1d.0"));
        var dom = (await probe.Ok(new XmCreate("hvm") { Type = DomainType.Hvm })).Domid;
        var tree = await probe.Tree("/");
        var owners = await probe.Owners();

        var r = await probe.Host.Xm(new XmPciAttach(dom, "00:1d.0@5"));

        Assert.False(r.Success);
        Assert.Equal("pci: 0000:00:1d.0: non-page-aligned MMIO BAR found.", r.Message);
        Assert.Equal([(P.Xm, P.Xend), (P.Xend, P.Ioemu), (P.Ioemu, P.Xend), (P.Xend, P.Xm)], r.Trail!.Path);
        Assert.Equal(tree, await probe.Tree("/"));
        Assert.Equal(owners, await probe.Owners());
        Assert.Equal(DomainIds.Io, await probe.OwnerOf("0000:00:1d.0"));
        await probe.AssertOwnershipInvariant();
    }
}
