using System.Buffers;
using System.Text;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.XenStore;
using Xunit.Abstractions;
using Wire = XenActors.Hosting.XenWire.XenWire;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>Bytes from another node that do not decode are a MessageSerializationException naming the manifest; nothing else.</summary>
public sealed class XenWireBadInputSpec(ITestOutputHelper output) : XenActors.TestKit.TestKit(output)
{
    private readonly SerializerRegistry _registry = NewRegistry();

    private static SerializerRegistry NewRegistry()
    {
        var registry = new SerializerRegistry(new PathResolver());
        Wire.Register(registry);
        return registry;
    }

    private MessageSerializationException Refused(string manifest, byte[] payload)
    {
        var ex = Assert.Throws<MessageSerializationException>(() => _registry.Deserialize(SerializerIds.Json, manifest, payload));
        Assert.Contains($"[{manifest}]", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    public static TheoryData<Type> MessageTypes() => XenWireRoundTripSpec.MessageTypes();

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Must_refuse_a_truncated_or_garbage_payload_of_each_manifest(Type type)
    {
        var resolver = new PathResolver();
        var registry = new SerializerRegistry(resolver);
        Wire.Register(registry);
        var buffer = new ArrayBufferWriter<byte>();
        var binding = registry.Serialize(new WireSamples(TestActor).Of(type), buffer);
        Refused(binding.Manifest, buffer.WrittenSpan[..(buffer.WrittenCount / 2)].ToArray());
        Refused(binding.Manifest, [0xff, 0x00, 0x7b, 0x22]);
        Refused(binding.Manifest, []);
    }

    [Theory]
    [InlineData("xen.xs.Read", """{"DomId":1,"Path":"/local"}""")]                                   // no owner
    [InlineData("xen.xs.Write", """{"Owner":null,"DomId":1,"Path":"/a","Value":"v"}""")]             // null owner
    [InlineData("xen.xs.Result", """{"Error":"EWHAT","Value":"","Children":[]}""")]                  // unknown errno
    [InlineData("xen.xs.WatchEvent", """{"Path":"/a","Token":null}""")]                               // null token
    [InlineData("xen.hv.Send", """{"Caller":"one","Port":2}""")]                                      // wrong type
    [InlineData("xen.hv.AssignDevice", """{"Device":"0000:00:20.0","Domid":1,"Caller":0}""")]       // device 0x20 > 0x1f
    [InlineData("xen.hv.Result.Int32", """{}""")]                                                     // neither value nor error
    [InlineData("xen.hv.Result", """{"error":null}""")]
    [InlineData("xen.hv.Result", """{"surprise":1}""")]
    [InlineData("xen.hvm.AcpiGpe", """{"Bit":1,"Slot":3,"Trail":[null]}""")]                          // a null hop
    [InlineData("xen.hvm.AcpiGpe", """{"Bit":1,"Slot":3,"Trail":[{"From":"Nobody","To":"Xend","Event":"x"}]}""")]
    [InlineData("xen.ioemu.GuestConfigRead", """{"Address":"00:1f.8","Offset":0,"Size":4}""")]     // function 8
    [InlineData("xen.ioemu.Options", """{"GuestDomid":1,"ReservedSlots":["a"]}""")]
    public void Must_refuse_a_well_formed_payload_that_breaks_the_message_contract(string manifest, string json) =>
        Refused(manifest, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Must_accept_the_same_payloads_when_they_keep_the_contract()
    {
        Assert.Equal(new XsWatchEvent("/a", "t"), Decode("xen.xs.WatchEvent", """{"Path":"/a","Token":"t"}"""));
        Assert.Equal(new HvAssignDevice(new PciAddress(0, 0, 0x1f, 7), 1), Decode("xen.hv.AssignDevice", """{"Device":"0000:00:1f.7","Domid":1,"Caller":0}"""));
        Assert.Equal(42, ((XenResult<int>)Decode("xen.hv.Result.Int32", """{"value":42}""")).Value);
        Assert.True(((XenResult)Decode("xen.hv.Result", "{}")).IsSuccess);
        Assert.Equal(HotplugParticipant.Xend, ((AcpiGpe)Decode("xen.hvm.AcpiGpe", """{"Bit":1,"Slot":3,"Trail":[{"From":"Xm","To":"Xend","Event":"x"}]}""")).Trail.Last.To);
    }

    private object Decode(string manifest, string json) => _registry.Deserialize(SerializerIds.Json, manifest, Encoding.UTF8.GetBytes(json));
}
