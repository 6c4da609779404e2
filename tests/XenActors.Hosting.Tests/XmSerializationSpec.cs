using System.Buffers;
using XenActors.Actor;
using XenActors.Hosting.XenHost;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.Tests;

/// <summary>Every xm message crosses the wire under a stable manifest and arrives equal (XmResult without its trail).</summary>
public sealed class XmSerializationSpec
{
    private sealed class NoRefs : IActorRefResolver
    {
        public string ToSerializedPath(IActorRef actorRef) => throw new InvalidOperationException("xm messages carry no refs");

        public IActorRef Resolve(string serializedPath) => throw new InvalidOperationException("xm messages carry no refs");
    }

    private static (string Manifest, object Back) RoundTrip(object message)
    {
        var registry = new SerializerRegistry(new NoRefs());
        XmSerialization.Register(registry);
        var buffer = new ArrayBufferWriter<byte>();
        var binding = registry.Serialize(message, buffer);
        return (binding.Manifest, registry.Deserialize(binding.SerializerId, binding.Manifest, buffer.WrittenSpan));
    }

    public static TheoryData<object, string> Messages() => new()
    {
        { new XmDestroy(3), "xen.xm.Destroy" },
        { new XmPciAssignableAdd("0000:00:1d.0"), "xen.xm.PciAssignableAdd" },
        { new XmPciAssignableRemove("0000:00:1d.0"), "xen.xm.PciAssignableRemove" },
        { XmPciAssignableList.Instance, "xen.xm.PciAssignableList" },
        { new XmPciAttach(1, "00:1d.0@3"), "xen.xm.PciAttach" },
        { new XmPciDetach(1, "00:1d.0"), "xen.xm.PciDetach" },
        { new XmPciList(1), "xen.xm.PciList" },
        { XmDomainList.Instance, "xen.xm.DomainList" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Must_round_trip_each_xm_request_under_its_stable_manifest(object message, string manifest)
    {
        var (m, back) = RoundTrip(message);
        Assert.Equal(manifest, m);
        Assert.Equal(message, back);
    }

    [Fact]
    public void Must_round_trip_xm_create_with_its_type_hotplug_mode_and_boot_devices()
    {
        var create = new XmCreate("hvm-guest") { Type = DomainType.Hvm, DeviceModelStubdomain = true, Hotplug = HotplugMode.PcieNative, Pci = ["00:1d.0", "03:00.*"] };
        var (manifest, back) = RoundTrip(create);
        Assert.Equal("xen.xm.Create", manifest);
        var b = Assert.IsType<XmCreate>(back);
        Assert.Equal((create.Name, create.Type, create.DeviceModelStubdomain, create.Hotplug), (b.Name, b.Type, b.DeviceModelStubdomain, b.Hotplug));
        Assert.Equal(create.Pci, b.Pci);
    }

    [Fact]
    public void Must_round_trip_results_and_domain_listings()
    {
        var (manifest, back) = RoundTrip(XmResult.Ok("Started domain guest (id=1)", ["a", "b"], 1));
        Assert.Equal("xen.xm.Result", manifest);
        var r = Assert.IsType<XmResult>(back);
        Assert.Equal((true, "Started domain guest (id=1)", 1), (r.Success, r.Message, r.Domid));
        Assert.Equal(["a", "b"], r.Lines);
        Assert.False(Assert.IsType<XmResult>(RoundTrip(XmResult.Error("no such device")).Back).Success);

        var listing = Assert.IsType<XmDomainListing>(RoundTrip(new XmDomainListing([new XmDomainRow(0, "Domain-0", "pv", "running")])).Back);
        Assert.Equal(new XmDomainRow(0, "Domain-0", "pv", "running"), Assert.Single(listing.Domains));
    }
}
