using System.Buffers;
using System.IO.MemoryMappedFiles;
using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;
using XenActors.Remote.Transport;
using XenActors.Remote.Wire;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// Connections between two nodes on this machine move to shared-memory rings (<see cref="RemoteSettings.SharedMemoryRingBytes"/>):
/// each direction switches once its receiver offered a ring, nothing sent around the switch is lost or reordered,
/// the socket stays the close, a peer that breaks a live ring loses its connection and nothing else, and 0 keeps them on
/// sockets.
/// </summary>
public sealed class RingTransportSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    /// <summary>Counts what it gets and notes the first number out of order.</summary>
    private sealed class Recorder : ReceiveActor
    {
        private int _next;
        private string _broken = "";

        public Recorder()
        {
            Receive<int>(i =>
            {
                if (i != _next && _broken.Length == 0) _broken = $"{i} after {_next - 1}";
                _next = i + 1;
            });
            Receive<string>(m => m == "seen?", _ => Sender.Tell($"{_next} {_broken}".Trim(), Self));
        }
    }

    private (ActorSystem System, Remoting Remote) Node(int ringBytes)
    {
        var settings = Settings();
        settings.SharedMemoryRingBytes = ringBytes;
        return NewNode(settings: settings);
    }

    /// <summary>An echo on <paramref name="other"/>, one round trip made (so the connection is up).</summary>
    private IActorRef EchoOn(ActorSystem other, Remoting otherRemote)
    {
        var echo = RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote);
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        return echo;
    }

    private static bool OnRings(Remoting from, Remoting to) =>
        from.AssociationFor(to.Address).Active is { SendsThroughRing: true, ReceivesThroughRing: true };

    [Fact]
    public void Must_move_both_directions_of_a_loopback_connection_to_rings()
    {
        var (other, otherRemote) = Node(ringBytes: 256 * 1024);
        var echo = EchoOn(other, otherRemote);

        AwaitCondition(() => OnRings(Remote, otherRemote) && OnRings(otherRemote, Remote), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100; i++) echo.Tell($"m{i}", TestActor);

        for (var i = 0; i < 100; i++) ExpectMsg($"m{i}");
    }

    [Fact]
    public void Must_keep_the_sockets_when_either_side_has_rings_off()
    {
        var (other, otherRemote) = Node(ringBytes: 0);
        var echo = EchoOn(other, otherRemote);

        // Another round trip after the first: an offer made would have been written before its reply.
        echo.Tell("again", TestActor);
        ExpectMsg("again");

        var ours = Remote.AssociationFor(otherRemote.Address).Active!;
        var theirs = otherRemote.AssociationFor(Remote.Address).Active!;
        Assert.False(ours.SendsThroughRing || ours.ReceivesThroughRing || theirs.SendsThroughRing || theirs.ReceivesThroughRing);
    }

    [Fact]
    public async Task Must_deliver_everything_in_order_across_the_switch()
    {
        var (other, otherRemote) = Node(ringBytes: 256 * 1024);
        var recorder = RefOn(Remote, other.ActorOf(Props.Create<Recorder>(), "recorder"), otherRemote);

        // From the first message on until well after the switch, so the switch happens while the stream flows.
        var sent = 0;
        var after = -1;
        while (after < 0 || sent < after + 5_000)
        {
            recorder.Tell(sent++, ActorRefs.NoSender);
            if (sent % 500 != 0) continue;
            // A round trip now and then, so the queue never outgrows the link (and the order is checked as it goes).
            Assert.Equal($"{sent}", await recorder.Ask<string>("seen?", TimeSpan.FromSeconds(10)));
            if (after < 0 && Remote.AssociationFor(otherRemote.Address).Active is { SendsThroughRing: true }) after = sent;
            if (sent > 1_000_000) Assert.Fail("the stream never moved to a ring");
        }

        Assert.Equal($"{sent}", await recorder.Ask<string>("seen?", TimeSpan.FromSeconds(10)));
        Output!.WriteLine($"{sent} sent, the switch after about {after}");
    }

    [Fact]
    public void Must_carry_messages_larger_than_the_ring()
    {
        var (other, otherRemote) = Node(ringBytes: 4096);
        var echo = EchoOn(other, otherRemote);
        AwaitCondition(() => Remote.AssociationFor(otherRemote.Address).Active is { SendsThroughRing: true }, TimeSpan.FromSeconds(10));

        // 60 KB each way through 4 KiB rings (ours is the default size; the other node's is 4 KiB).
        var big = new string('x', 60_000) + "end";
        echo.Tell(big, TestActor);

        Assert.Equal(big, ExpectMsg<string>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Must_close_a_connection_whose_peer_switches_to_a_ring_never_offered()
    {
        var (other, otherRemote) = Node(ringBytes: 0);
        var errors = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = other.EventStream.Subscribe<LogEvent>(e => { if (e.Level >= LogLevel.Error && e.Message.Contains("RingSwitch without a ring offered", StringComparison.Ordinal)) errors.TrySetResult(e); });
        using var raw = new RawPeer(otherRemote.Address.Port!.Value);
        raw.Handshake();

        raw.SendFrame([(byte)PduKind.RingSwitch]);

        await errors.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Assert.Throws<EndOfStreamException>(() => raw.ReadFrame());
    }

    [Fact]
    public async Task Must_stay_on_the_socket_when_a_peer_offers_a_ring_that_is_not_one()
    {
        var warned = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<LogEvent>(e => { if (e.Level >= LogLevel.Warning && e.Message.Contains("offered a shared ring that cannot be used", StringComparison.Ordinal)) warned.TrySetResult(e); });
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        raw.Handshake();
        var offer = new ArrayBufferWriter<byte>();
        WireWriter.WriteByte(offer, (byte)PduKind.RingOffer);
        WireWriter.WriteString(offer, "../../etc/passwd");

        raw.SendFrame(offer.WrittenSpan);

        await warned.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        raw.SendFrame(RawPeer.Envelope(Remote.ToSerializedPath(TestActor), Serialization.SerializerIds.Primitives, "string", "still served"u8));
        ExpectMsg("still served", TimeSpan.FromSeconds(10));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Must_close_the_connection_with_an_error_when_the_peer_breaks_the_ring_we_write_into()
    {
        var broken = new TaskCompletionSource<LogEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = Sys.EventStream.Subscribe<LogEvent>(e => { if (e.Level >= LogLevel.Error && e.Message.Contains(Connection.RingBroken, StringComparison.Ordinal)) broken.TrySetResult(e); });
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        using var raw = new RawPeer(Remote.Address.Port!.Value);
        raw.Handshake();
        // The peer offers a ring for this node to write into, and keeps a hand on its header through a second mapping.
        using var ring = SharedRing.Create(SharedRing.DefaultDirectory, 4096);
        using var file = MemoryMappedFile.CreateFromFile(ring.FilePath, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        using var header = file.CreateViewAccessor(0, 256);
        var offer = new ArrayBufferWriter<byte>();
        WireWriter.WriteByte(offer, (byte)PduKind.RingOffer);
        WireWriter.WriteString(offer, ring.Name);
        raw.SendFrame(offer.WrittenSpan);
        while (raw.ReadFrame()[0] != (byte)PduKind.RingSwitch)
        {
            // The node's own RingOffer comes first; this peer never takes it.
        }

        header.Write(64, 500L); // a consumer index past anything the node wrote
        raw.SendFrame(RawPeer.Envelope(Remote.ToSerializedPath(echo), Serialization.SerializerIds.Primitives, "string", "answer me"u8, sender: RawPeer.Origin + "/user/spec"));

        var error = await broken.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(10)));
        Assert.Contains("consumer index to 500", error.Message, StringComparison.Ordinal);
        Action readToTheEnd = () => { while (true) raw.ReadFrame(); };
        Assert.IsType<EndOfStreamException>(Record.Exception(readToTheEnd));
        // The echo's reply failed as a send on a closed link does: the echo itself is unharmed.
        echo.Tell("still here", TestActor);
        ExpectMsg("still here");
    }
}
