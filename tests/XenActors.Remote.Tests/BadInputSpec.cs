using System.Text;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Remote.Serialization;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests;

/// <summary>Whatever arrives on the port, the node logs why it refused it and goes on serving its good peers.</summary>
public sealed class BadInputSpec : RemoteSpec
{
    private readonly IActorRef _goodPeerEcho;

    public BadInputSpec(ITestOutputHelper output) : base(output)
    {
        var (good, goodRemote) = NewNode();
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        _goodPeerEcho = RefOn(goodRemote, echo, Remote);
        GoodPeer = new XenActors.TestKit.TestProbe(good);
        AssertGoodPeerIsServed("before");
    }

    private XenActors.TestKit.TestProbe GoodPeer { get; }

    private void AssertGoodPeerIsServed(string text)
    {
        _goodPeerEcho.Tell(text, GoodPeer.Ref);
        GoodPeer.ExpectMsg(text, TimeSpan.FromSeconds(10));
    }

    private string TestActorPath => Remote.ToSerializedPath(TestActor);

    /// <summary>Runs <paramref name="action"/> and waits for a log line at <paramref name="level"/> or above containing <paramref name="text"/>.</summary>
    private void ExpectLog(LogLevel level, string text, Action action)
    {
        var seen = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (Sys.EventStream.Subscribe<LogEvent>(e => { if (e.Level >= level && e.Message.Contains(text, StringComparison.Ordinal)) seen.TrySetResult(e); }))
        {
            action();
            Assert.True(seen.Task.Wait(Dilated(TimeSpan.FromSeconds(10))), $"no {level} log containing '{text}'");
        }
        Output?.WriteLine("logged: " + seen.Task.Result);
    }

    [Fact]
    public void Must_refuse_a_frame_with_a_bad_length_before_the_handshake()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        ExpectLog(LogLevel.Error, "bad frame length", () => raw.SendRaw([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_close_an_associated_connection_that_sends_a_bad_length()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        raw.Handshake();
        ExpectLog(LogLevel.Error, "bad frame length -5", () => raw.SendRaw([0xfb, 0xff, 0xff, 0xff]));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_drop_a_message_with_an_unknown_manifest_and_keep_the_connection()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        raw.Handshake();
        ExpectLog(LogLevel.Error, "unknown manifest [no.such.Message]", () =>
            raw.SendFrame(RawPeer.Envelope(TestActorPath, SerializerIds.Json, "no.such.Message", "{}"u8)));
        raw.SendFrame(RawPeer.Envelope(TestActorPath, SerializerIds.Primitives, "string", Encoding.UTF8.GetBytes("still served")));
        ExpectMsg("still served", TimeSpan.FromSeconds(10));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_drop_a_truncated_envelope_and_a_truncated_payload()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        raw.Handshake();
        var envelope = RawPeer.Envelope(TestActorPath, SerializerIds.Primitives, "int32", [1, 0, 0, 0]);
        ExpectLog(LogLevel.Error, "truncated", () => raw.SendFrame(envelope.AsSpan(0, 12)));
        ExpectLog(LogLevel.Error, "does not decode", () =>
            raw.SendFrame(RawPeer.Envelope(TestActorPath, SerializerIds.Primitives, "int32", [1, 0])));
        raw.SendFrame(envelope);
        ExpectMsg(1, TimeSpan.FromSeconds(10));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_refuse_a_random_byte_stream()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[0] = 200; bytes[1] = 0; bytes[2] = 0; bytes[3] = 0; // a plausible length, then garbage
        bytes[4] = 0x42; // and not an Associate
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        ExpectLog(LogLevel.Warning, "refused inbound connection", () => raw.SendRaw(bytes));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_refuse_a_handshake_with_a_wrong_secret()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        ExpectLog(LogLevel.Warning, "wrong cluster secret", () => Assert.ThrowsAny<Exception>(() => raw.Handshake(secret: "guess")));
        AssertGoodPeerIsServed("after");
    }

    [Fact]
    public void Must_refuse_a_message_before_the_handshake()
    {
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        ExpectLog(LogLevel.Warning, "expected an Associate handshake", () =>
            raw.SendFrame(RawPeer.Envelope(TestActorPath, SerializerIds.Primitives, "string", "sneaky"u8)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AssertGoodPeerIsServed("after");
    }
}
