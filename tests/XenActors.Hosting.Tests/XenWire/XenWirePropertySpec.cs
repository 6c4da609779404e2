using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using Xunit.Abstractions;
using Wire = XenActors.Hosting.XenWire.XenWire;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>The key messages round-trip for any content, not only the samples.</summary>
public sealed class XenWirePropertySpec(ITestOutputHelper output) : XenActors.TestKit.TestKit(output)
{
    private object RoundTrip(object message)
    {
        var registry = new SerializerRegistry(new PathResolver());
        Wire.Register(registry);
        var buffer = new ArrayBufferWriter<byte>();
        var binding = registry.Serialize(message, buffer);
        return registry.Deserialize(binding.SerializerId, binding.Manifest, buffer.WrittenSpan);
    }

    [Fact]
    public void Must_round_trip_any_store_write_and_result()
    {
        Prop.ForAll<NonNull<string>, NonNull<string>, uint>((path, value, domid) =>
        {
            var tx = domid * 3;
            var write = new XsWrite(TestActor, domid, path.Get, value.Get, tx);
            Assert.Equal(write, RoundTrip(write));
            var result = new XsResult(XsdErrorOf(domid), value.Get, [path.Get, value.Get]);
            WireEquality.AssertEquivalent(result, RoundTrip(result));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_round_trip_any_hypervisor_result_as_value_or_errno()
    {
        var errnos = Enum.GetValues<Errno>().Where(e => e != Errno.None).ToArray();
        Prop.ForAll<int, NonNull<string>, byte>((value, message, pick) =>
        {
            var result = pick % 2 == 1
                ? XenResult<int>.FromXenError(new XenError(errnos[pick / 2 % errnos.Length], message.Get))
                : XenResult<int>.FromValue(value);
            var back = Assert.IsType<XenResult<int>>(RoundTrip(result));
            Assert.Equal(result.ToString(), back.ToString());
            Assert.Equal(result.ReturnCode, back.ReturnCode);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_round_trip_any_hotplug_trail_hop_for_hop()
    {
        var participants = Enum.GetValues<HotplugParticipant>();
        Prop.ForAll<(byte, byte, NonNull<string>)[]>(hops =>
        {
            var trail = hops.Aggregate(HotplugTrail.Empty, (t, h) => t.Then(participants[h.Item1 % participants.Length], participants[h.Item2 % participants.Length], h.Item3.Get));
            var back = Assert.IsType<AcpiEject>(RoundTrip(new AcpiEject(5, trail)));
            Assert.Equal(trail.Hops, back.Trail.Hops);
        }).QuickCheckThrowOnFailure();
    }

    private static Xen.Store.Wire.XsdError XsdErrorOf(uint seed)
    {
        var all = Enum.GetValues<Xen.Store.Wire.XsdError>();
        return all[seed % (uint)all.Length];
    }
}
