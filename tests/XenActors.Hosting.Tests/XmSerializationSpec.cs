using System.Buffers;
using XenActors.Actor;
using XenActors.Hosting.XenHost;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.Tests;

/// <summary>Every xm message crosses the wire under a stable manifest and arrives equal (XmResult with its HVM hot-plug trail).</summary>
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

    private static readonly HotplugTrail AttachTrail = HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, "xm pci-attach 1 00:1d.0")
        .Then(HotplugParticipant.Xend, HotplugParticipant.Ioemu, "pci-ins 00:1d.0@2")
        .Then(HotplugParticipant.Ioemu, HotplugParticipant.GuestKernel, "GPE bit 1")
        .Then(HotplugParticipant.Xend, HotplugParticipant.Xm, "0000:00:1d.0 attached to domain 1");

    [Fact]
    public void Must_carry_the_hvm_hotplug_trail_hop_by_hop_in_order()
    {
        var ok = XmResult.Ok("0000:00:1d.0 attached to domain 1", ["warning"], 1) with { Trail = AttachTrail };
        var back = Assert.IsType<XmResult>(RoundTrip(ok).Back);
        Assert.Equal(AttachTrail.Hops, back.Trail!.Hops);
        Assert.Equal(["warning"], back.Lines);

        var refused = XmResult.Error("slot 2 is busy") with { Trail = HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, "xm pci-attach") };
        var r = Assert.IsType<XmResult>(RoundTrip(refused).Back);
        Assert.False(r.Success);
        Assert.Equal(refused.Trail!.Hops, r.Trail!.Hops);
    }

    [Fact]
    public void Must_leave_the_trail_null_when_there_is_none()
        => Assert.Null(Assert.IsType<XmResult>(RoundTrip(XmResult.Ok("Started domain guest (id=1)")).Back).Trail);

    private static object Decode(string manifest, string json)
    {
        var registry = new SerializerRegistry(new NoRefs());
        XmSerialization.Register(registry);
        return registry.Deserialize(SerializerIds.Json, manifest, System.Text.Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void Must_decode_a_result_from_a_host_that_predates_the_trail()
    {
        // Exactly what the wire record wrote before it had a trail.
        var old = Assert.IsType<XmResult>(Decode("xen.xm.Result", """{"Success":true,"Message":"0000:00:1d.0 attached to domain 1","Lines":["w"],"Domid":1}"""));
        Assert.Equal((true, "0000:00:1d.0 attached to domain 1", 1, (HotplugTrail?)null), (old.Success, old.Message, old.Domid, old.Trail));
        Assert.Equal(["w"], old.Lines);
    }

    [Theory]
    [InlineData("""{"Success":true,"Message":"m","Lines":[],"Domid":1,"Trail":[null]}""")]
    [InlineData("""{"Success":true,"Message":"m","Lines":[],"Domid":1,"Trail":[{"From":"Xm","To":"Xend"}]}""")]
    [InlineData("""{"Success":true,"Message":"m","Lines":[],"Domid":1,"Trail":[{"From":"Xm","To":"Nobody","Event":"e"}]}""")]
    [InlineData("""{"Success":true,"Message":"m","Lines":[],"Domid":1,"Trail":[{"From":99,"To":"Xend","Event":"e"}]}""")]
    [InlineData("""{"Success":true,"Message":"m","Lines":[],"Domid":1,"Trail":"not hops"}""")]
    public void Must_refuse_a_trail_that_breaks_the_contract_with_a_serialization_error(string json)
        => Assert.ThrowsAny<MessageSerializationException>(() => Decode("xen.xm.Result", json));
}
