using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;
using XenActors.Xen.Tests.Ioemu.Support;
using P = XenActors.Xen.Hvm.HotplugParticipant;

namespace XenActors.Xen.Tests.Hvm;

/// <summary>ioemu hosted in a stub domain instead of dom0 (the seed's future plan).</summary>
public sealed class StubDomainSpec : TestKit.TestKit
{
    private static readonly PciAddress Nic = new(0, 0, 4, 0);

    [Fact]
    public async Task Must_attach_and_detach_through_the_stub_domain_hop_acting_as_the_stub_domain()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), stubDomain: true);

        var attached = Assert.IsType<PciAttachCompleted>(await rig.Attach(Nic, 4));
        var detached = Assert.IsType<PciDetachCompleted>(await rig.Detach(4));

        Assert.Equal(
            [(P.Xm, P.Xend), (P.Xend, P.StubDomain), (P.StubDomain, P.Ioemu), (P.Ioemu, P.Hypervisor), (P.Ioemu, P.VirtualBios),
             (P.VirtualBios, P.GuestKernel), (P.GuestKernel, P.VirtualBios), (P.VirtualBios, P.Ioemu), (P.Ioemu, P.StubDomain), (P.StubDomain, P.Xend)],
            attached.Trail.Path);
        Assert.Contains($"stub domain {rig.StubDomid}", attached.Trail.Hops[1].Event, StringComparison.Ordinal);
        Assert.Equal((P.StubDomain, P.Xend), detached.Trail.Path[^1]);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(Nic));
    }

    [Fact]
    public async Task Must_refuse_when_the_stub_domain_is_not_the_guests_device_model_and_change_nothing()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.SimpleNic()]), o => new IoemuOptions(o) { StubDomainId = 77 });

        var refused = Assert.IsType<PciAttachRefused>(await rig.Attach(Nic, 4));

        Assert.Equal($"0000:00:04.0: domain 77 is not the device model of domain {rig.GuestDomid}", refused.Reason);
        Assert.Equal(DomainIds.Io, rig.OwnerOf(Nic));
        Assert.False(rig.Platform.Inspect(x => x.CheckIoport(rig.GuestDomid, 0xc000, 1)).IsSuccess);
        Assert.Empty((await rig.Ask<PciDeviceList>(QueryPci.Instance)).Devices);
    }
}
