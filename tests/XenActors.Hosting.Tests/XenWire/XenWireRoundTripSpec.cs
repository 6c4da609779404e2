using System.Buffers;
using XenActors.Actor;
using XenActors.Remote.Serialization;
using XenActors.Xen.Host;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;
using Xunit.Abstractions;
using Wire = XenActors.Hosting.XenWire.XenWire;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>
/// Every message that can cross between Xen domains on different nodes is registered under a stable xen.* manifest
/// and arrives equal: all IHypervisorRequest and XsRequest types found by reflection, and the listed others.
/// </summary>
public sealed class XenWireRoundTripSpec(ITestOutputHelper output) : XenActors.TestKit.TestKit(output)
{
    /// <summary>Messages outside the two request hierarchies that travel between domains (or answer such a request).</summary>
    private static readonly Type[] Listed =
    [
        typeof(XsResult), typeof(XsListing), typeof(XsListingEntry), typeof(XsWatchEvent), typeof(XsNodeWritten), typeof(XsSubscribeWrites), typeof(XsList),
        typeof(HvUpcall), typeof(HvShortcut), typeof(HvDomainDestroyed), typeof(DomainSummary), typeof(DomainConfig), typeof(PciFunctionInfo), typeof(PciAddress),
        typeof(XenError), typeof(InterruptStats), typeof(InterruptSource), typeof(InterruptDelivery), typeof(EventChannelInfo), typeof(GrantInfo),
        typeof(GuestStarted), typeof(HvmGuestStarted), typeof(GuestDestroyed), typeof(DeviceModelStarted),
        typeof(GuestKernelOf), typeof(DeviceModelOf), typeof(DomainActor), typeof(StopGuestKernel),
        typeof(GuestLspci), typeof(GuestPciBus), typeof(Xen.Pcifront.GuestPciDevice),
        typeof(AcpiGpe), typeof(AcpiEject), typeof(AcpiOst), typeof(AcpiNotify), typeof(AcpiInsertionAcknowledged),
        typeof(PcieHotplugInterrupt), typeof(PcieAerInterrupt), typeof(GuestListDevices), typeof(GuestDeviceList),
        typeof(Xen.Hvm.GuestPciDevice), typeof(SetGuestBehaviour), typeof(GuestKernelOptions), typeof(GuestPlatformReady),
        typeof(GuestKernelLog), typeof(HotplugTrail), typeof(HotplugHop), typeof(IoemuOptions),
        typeof(PciAttach), typeof(PciAttachCompleted), typeof(PciAttachRefused), typeof(PciDetach), typeof(PciDetachCompleted),
        typeof(PciDetachFailed), typeof(QueryPci), typeof(PciDeviceList), typeof(DumpPciView), typeof(PciViewDump),
        typeof(GuestConfigRead), typeof(GuestConfigWrite), typeof(ConfigAccessReply), typeof(GuestMmioAccess), typeof(MmioAccessReply),
        typeof(GuestPortAccess), typeof(PortAccessReply), typeof(GuestSetIntxDestination), typeof(DeviceDma), typeof(DmaReply),
        typeof(DeviceInterrupt), typeof(InterruptReply), typeof(InjectAerError), typeof(OperationReply),
    ];

    private static IReadOnlyList<Type> AllTypes()
    {
        var xen = typeof(XsRequest).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false }
            && (typeof(IHypervisorRequest).IsAssignableFrom(t) || typeof(XsRequest).IsAssignableFrom(t)));
        return [.. xen.Concat(Listed).Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    public static TheoryData<Type> MessageTypes() => [.. AllTypes()];

    private readonly PathResolver _refs = new();

    private SerializerRegistry Registry()
    {
        var registry = new SerializerRegistry(_refs);
        Wire.Register(registry);
        return registry;
    }

    private (MessageBinding Binding, object Back) RoundTrip(object message)
    {
        var registry = Registry();
        var buffer = new ArrayBufferWriter<byte>();
        var binding = registry.Serialize(message, buffer);
        return (binding, registry.Deserialize(binding.SerializerId, binding.Manifest, buffer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Must_register_each_message_under_a_xen_manifest_and_round_trip_it_equal(Type type)
    {
        var message = new WireSamples(TestActor).Of(type);
        var (binding, back) = RoundTrip(message);
        Assert.Equal(SerializerIds.Json, binding.SerializerId);
        Assert.StartsWith("xen.", binding.Manifest, StringComparison.Ordinal);
        WireEquality.AssertEquivalent(message, back);
    }

    [Fact]
    public void Must_give_every_registered_type_its_own_manifest()
    {
        var registry = Registry();
        var manifests = AllTypes().Select(t => registry.BindingFor(t).Manifest).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(typeof(XsRead), "xen.xs.Read")]
    [InlineData(typeof(XsTransactionEnd), "xen.xs.TransactionEnd")]
    [InlineData(typeof(XsWatchEvent), "xen.xs.WatchEvent")]
    [InlineData(typeof(HvCreateDomain), "xen.hv.CreateDomain")]
    [InlineData(typeof(HvUpcall), "xen.hv.Upcall")]
    [InlineData(typeof(XenResult), "xen.hv.Result")]
    [InlineData(typeof(XenResult<int>), "xen.hv.Result.Int32")]
    [InlineData(typeof(HvEventChannelStatus), "xen.hv.EventChannelStatus")]
    [InlineData(typeof(HvQueryGrant), "xen.hv.QueryGrant")]
    [InlineData(typeof(XenResult<EventChannelInfo>), "xen.hv.Result.EventChannelInfo")]
    [InlineData(typeof(XenResult<GrantInfo>), "xen.hv.Result.GrantInfo")]
    [InlineData(typeof(List<PciFunctionInfo>), "xen.hv.DeviceList")]
    [InlineData(typeof(HvmGuestStarted), "xen.launch.HvmGuestStarted")]
    [InlineData(typeof(AcpiGpe), "xen.hvm.AcpiGpe")]
    [InlineData(typeof(PciAttach), "xen.ioemu.PciAttach")]
    [InlineData(typeof(XmCreate), "xen.xm.Create")]
    public void Must_keep_manifests_stable(Type type, string manifest) => Assert.Equal(manifest, Registry().BindingFor(type).Manifest);

    [Fact]
    public void Must_be_idempotent()
    {
        var registry = Registry();
        Wire.Register(registry);
        Assert.Equal("xen.xs.Read", registry.BindingFor(typeof(XsRead)).Manifest);
    }

    public static TheoryData<object> Results()
    {
        var error = new XenError(Errno.ESRCH, "domain 9 does not exist");
        var grant = new XenError(Errno.EINVAL, "bad ref") { GrantStatus = GrantStatus.BadGntref };
        return
        [
            XenResult.Ok, XenResult.FromXenError(error), XenResult.FromXenError(grant),
            XenResult<int>.FromValue(42), XenResult<int>.FromXenError(error), XenResult<uint>.FromValue(uint.MaxValue),
            XenResult<ulong>.FromValue(ulong.MaxValue), XenResult<byte[]>.FromValue([1, 2, 255]), XenResult<byte[]>.FromXenError(grant),
            XenResult<DomainSummary>.FromValue(new DomainSummary(3, "guest", DomainType.Hvm, DomainState.Paused)),
            XenResult<PciFunctionInfo>.FromValue(new PciFunctionInfo(new PciAddress(0, 3, 0, 1), DomainIds.Io, true)),
            XenResult<InterruptStats>.FromValue(new InterruptStats([3, 0, 9], 2)),
            XenResult<IReadOnlyList<InterruptDelivery>>.FromValue([new InterruptDelivery(1, 16, 1, 5, true)]),
            XenResult<EventChannelInfo>.FromValue(new EventChannelInfo(EventChannelStatus.Interdomain, 0, RemoteDomain: 3, RemotePort: 7)),
            XenResult<EventChannelInfo>.FromXenError(error),
            XenResult<GrantInfo>.FromValue(new GrantInfo(3, 8, 1, 0x1234, ReadOnly: true, MapCount: 1, Revoked: false)),
            XenResult<GrantInfo>.FromXenError(grant),
            new List<PciFunctionInfo> { new(new PciAddress(0, 0, 0x1d, 0), 0, false) }, new List<string> { "violation" },
        ];
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Must_round_trip_hypervisor_replies_as_the_same_boxed_type(object reply)
    {
        var (binding, back) = RoundTrip(reply);
        Assert.StartsWith("xen.hv.", binding.Manifest, StringComparison.Ordinal);
        WireEquality.AssertEquivalent(reply, back);
    }

    [Fact]
    public async Task Must_register_the_type_of_every_reply_the_hypervisor_actor_gives()
    {
        var hv = Sys.ActorOf(HypervisorActor.Props(), "hv");
        var samples = new WireSamples(TestActor);
        var registry = Registry();
        var requests = AllTypes().Where(t => typeof(IHypervisorRequest).IsAssignableFrom(t));
        foreach (var type in requests)
        {
            var reply = await hv.Ask<object>(samples.Of(type), TimeSpan.FromSeconds(5));
            Assert.True(registry.IsRegistered(reply.GetType()), $"{type.Name} is answered with an unregistered {reply.GetType()}");
            WireEquality.AssertEquivalent(reply, RoundTrip(reply).Back, type.Name);
        }
    }
}
