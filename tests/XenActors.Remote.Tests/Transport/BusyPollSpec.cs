using XenActors.Actor;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// Busy polling (<see cref="RemoteSettings.BusyPollMicroseconds"/>): after a run that wrote to the peer whose frame woke
/// it, a reader thread polls that connection for the reply before it blocks again. Only such a run on the reader's own
/// thread polls, and 0 turns it off.
/// </summary>
public sealed class BusyPollSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    private const int Volleys = 100;

    /// <summary>Sends "ball" to the echo again each time it comes back (from the reader thread's run), then reports.</summary>
    private sealed class Volley : ReceiveActor
    {
        private int _returned;

        public Volley(IActorRef echo, IActorRef report)
        {
            Receive<string>(m => m == "serve", _ => echo.Tell("ball", Self));
            Receive<string>(m => m == "ball", _ =>
            {
                if (++_returned < Volleys) echo.Tell("ball", Self);
                else report.Tell("done");
            });
        }
    }

    /// <summary>Counts what it gets and answers nothing until asked how many.</summary>
    private sealed class Sink : ReceiveActor
    {
        private int _count;

        public Sink()
        {
            Receive<string>(m => m == "count?", _ => Sender.Tell(_count, Self));
            ReceiveAny(_ => _count++);
        }
    }

    private (Remoting Other, IActorRef Echo) Pair(int busyPollMicroseconds, bool inlineCrossings = true)
    {
        var settings = Settings();
        settings.BusyPollMicroseconds = busyPollMicroseconds;
        settings.InlineCrossings = inlineCrossings;
        // No heartbeat from that node while a spec runs: a timer's write landing during a run would count as the run's.
        settings.HeartbeatInterval = TimeSpan.FromMinutes(1);
        settings.WatchUnreachableAfter = TimeSpan.FromMinutes(2);
        var (other, otherRemote) = NewNode(settings: settings);
        return (otherRemote, RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote));
    }

    private void PlayVolleys(IActorRef echo)
    {
        Sys.ActorOf(Props.Create(() => new Volley(echo, TestActor))).Tell("serve");
        ExpectMsg("done", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Must_find_replies_waiting_while_it_polls_after_a_run_that_answered_the_peer()
    {
        // The echo's node polls after each reply it wrote, and the next ball comes back within a millisecond.
        var (other, echo) = Pair(busyPollMicroseconds: 1000);

        PlayVolleys(echo);

        var (answered, gaveUp) = other.AssociationFor(Remote.Address).Active!.BusyPolls;
        Assert.True(answered > 0, $"no poll found the next ball waiting ({gaveUp} gave up)");
    }

    [Fact]
    public void Must_not_poll_when_busy_polling_is_off()
    {
        var (other, echo) = Pair(busyPollMicroseconds: 0);

        PlayVolleys(echo);

        Assert.Equal((0, 0), other.AssociationFor(Remote.Address).Active!.BusyPolls);
    }

    [Fact]
    public void Must_not_poll_when_the_reader_runs_no_actors()
    {
        // With inline crossings off the echo answers from the pool: the reader's writes are none of its own.
        var (other, echo) = Pair(busyPollMicroseconds: 1000, inlineCrossings: false);

        PlayVolleys(echo);

        Assert.Equal((0, 0), other.AssociationFor(Remote.Address).Active!.BusyPolls);
    }

    [Fact]
    public void Must_not_poll_after_runs_that_wrote_nothing_to_the_peer()
    {
        var (other, _) = Pair(busyPollMicroseconds: 1000);
        var sink = other.System.ActorOf(Props.Create<Sink>(), "sink");
        var remoteSink = RefOn(Remote, sink, other);

        // The link forms first: the handshake's answer is a write to the peer, and may poll.
        remoteSink.Tell("one way");
        AwaitAssert(() => Assert.Equal(1, sink.Ask<int>("count?", TimeSpan.FromSeconds(5)).Result), TimeSpan.FromSeconds(10));
        var connection = other.AssociationFor(Remote.Address).Active!;
        var before = connection.BusyPolls;

        for (var n = 1; n < Volleys; n++) remoteSink.Tell("one way");
        AwaitAssert(() => Assert.Equal(Volleys, sink.Ask<int>("count?", TimeSpan.FromSeconds(5)).Result), TimeSpan.FromSeconds(10));

        Assert.Equal(before, connection.BusyPolls);
    }
}
