using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Configuration;
using XenActors.Actor;
using XenActors.Remote.Serialization;
using XenActors.Remote.Wire;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

public sealed class SerializationSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    private object RoundTrip(object message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var binding = Remote.Serialization.Serialize(message, buffer);
        return Remote.Serialization.Deserialize(binding.SerializerId, binding.Manifest, buffer.WrittenSpan);
    }

    [Fact]
    public void Must_round_trip_primitives() =>
        Prop.ForAll<string, int, long>((s, i, l) =>
            (s is null || (string)RoundTrip(s) == s) && (int)RoundTrip(i) == i && (long)RoundTrip(l) == l).QuickCheckThrowOnFailure();

    [Fact]
    public void Must_round_trip_runtime_messages_with_refs()
    {
        var identity = (ActorIdentity)RoundTrip(new ActorIdentity("id", TestActor));
        Assert.Equal("id", identity.MessageId);
        Assert.Equal(TestActor, identity.Subject);
        var selection = (ActorSelectionMessage)RoundTrip(new ActorSelectionMessage(7, ["user", "*"]));
        Assert.Equal(7, selection.Message);
        Assert.Equal(["user", "*"], selection.Elements);
        var failure = (Status.Failure)RoundTrip(new Status.Failure(new InvalidOperationException("no")));
        Assert.Contains("InvalidOperationException: no", failure.Cause.Message, StringComparison.Ordinal);
        Assert.Same(PoisonPill.Instance, RoundTrip(PoisonPill.Instance));
    }

    [Fact]
    public void Must_name_the_type_that_has_no_serializer()
    {
        var ex = Assert.Throws<MessageSerializationException>(() => Remote.Serialization.Serialize(new Uri("http://x"), new ArrayBufferWriter<byte>()));
        Assert.Contains("System.Uri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_name_an_unknown_manifest()
    {
        var ex = Assert.Throws<MessageSerializationException>(() => Remote.Serialization.Deserialize(SerializerIds.Json, "nope", "{}"u8));
        Assert.Contains("unknown manifest [nope]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_to_bind_one_manifest_to_two_types() =>
        Assert.Throws<ArgumentException>(() => Remote.Serialization.Register<Uri>(SerializerIds.Primitives, "string", (_, _) => { }, _ => new Uri("x:y")));

    [Fact]
    public void Must_report_any_truncation_as_malformed_never_as_a_crash() =>
        Prop.ForAll<byte[]>(bytes =>
        {
            try
            {
                var reader = new WireReader(bytes ?? []);
                reader.ReadString();
                reader.ReadInt64();
                reader.ReadBytes();
            }
            catch (MalformedPduException)
            {
            }
            return true;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("port", "70000", "xenactors:remote:port")]
    [InlineData("maximumFrameSize", "12", "xenactors:remote:maximumFrameSize")]
    [InlineData("heartbeatInterval", "soon", "xenactors:remote:HeartbeatInterval")]
    [InlineData("watchUnreachableAfter", "00:00:00.1", "xenactors:remote:watchUnreachableAfter")]
    [InlineData("busyPollMicroseconds", "-1", "xenactors:remote:busyPollMicroseconds")]
    [InlineData("busyPollMicroseconds", "5000", "xenactors:remote:busyPollMicroseconds")]
    [InlineData("sharedMemoryRingBytes", "5000", "xenactors:remote:sharedMemoryRingBytes")]
    [InlineData("sharedMemoryRingBytes", "1024", "xenactors:remote:sharedMemoryRingBytes")]
    [InlineData("sharedMemoryDirectory", " ", "xenactors:remote:sharedMemoryDirectory")]
    public void Must_refuse_a_bad_setting_naming_its_key(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"xenactors:remote:{key}"] = value }).Build();
        var ex = Assert.Throws<ConfigurationException>(() => RemoteSettings.From(configuration));
        Assert.Contains(named, ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
