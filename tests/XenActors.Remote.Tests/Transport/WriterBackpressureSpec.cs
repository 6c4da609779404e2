using XenActors.Actor;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// A peer that stops reading fills the link: the writer loop's sends then block, on a thread of their own rather than
/// a pool worker, and everything queued meanwhile arrives, in order, once the peer reads again.
/// </summary>
public sealed class WriterBackpressureSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    /// <summary>Holds the reader thread it runs on (remoting runs it there) until released, then counts what arrives.</summary>
    private sealed class Stall : ReceiveActor
    {
        public Stall(ManualResetEventSlim release, IActorRef report, int expected)
        {
            var next = 0;
            Receive<string>(s => s == "stall", _ => release.Wait(TimeSpan.FromSeconds(60)));
            Receive<string>(s =>
            {
                if (s.Length != Payload.Length || !s.StartsWith(next.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    report.Tell($"message {next} out of order or cut");
                    return;
                }
                if (++next == expected) report.Tell("all arrived");
            });
        }
    }

    private static readonly string Payload = new('x', 60_000);

    [Fact]
    public void Must_block_a_thread_of_its_own_while_a_peer_stops_reading_and_deliver_everything_once_it_reads_again()
    {
        const int count = 1_000; // 60 MB: several times what the loopback socket buffers of both ends hold
        using var release = new ManualResetEventSlim();
        var (other, otherRemote) = NewNode();
        var stall = RefOn(Remote, other.ActorOf(Props.Create(() => new Stall(release, RefOn(otherRemote, TestActor, Remote), count)), "stall"), otherRemote);
        var association = Remote.AssociationFor(otherRemote.Address);

        stall.Tell("stall");
        for (var n = 0; n < count; n++)
            stall.Tell(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n:D8}{Payload[8..]}"));
        AwaitCondition(() => association.BlockingFlushes > 0, TimeSpan.FromSeconds(30));

        release.Set();
        ExpectMsg("all arrived", TimeSpan.FromSeconds(60));
    }
}
