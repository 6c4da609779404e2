using System.Globalization;
using XenActors.Actor;
using XenActors.Remote.Transport;
using Xunit.Abstractions;

namespace XenActors.Remote.Tests.Transport;

/// <summary>
/// A crossing without a thread hop (<see cref="RemoteSettings.InlineCrossings"/>): the reader thread runs the actor a
/// frame wakes, and a send to an idle link is written by the sender's own thread. Order, fault injection and the
/// end of the reader threads must hold as they do with the writer loop alone.
/// </summary>
public sealed class InlineCrossingsSpec(ITestOutputHelper output) : RemoteSpec(output)
{
    /// <summary>Counts each sender's numbers ("sender:n") and reports the first one out of order, or "in order" at the end.</summary>
    private sealed class OrderChecker : UntypedActor
    {
        private readonly Dictionary<int, int> _next = [];
        private readonly IActorRef _report;
        private readonly int _senders;
        private readonly int _count;
        private int _finished;

        public OrderChecker(IActorRef report, int senders, int count)
        {
            _report = report;
            _senders = senders;
            _count = count;
        }

        protected override void OnReceive(object message)
        {
            if (message is not string text || text.Split(':') is not [var s, var number]) return;
            var (sender, n) = (int.Parse(s, CultureInfo.InvariantCulture), int.Parse(number, CultureInfo.InvariantCulture));
            var expected = _next.GetValueOrDefault(sender);
            if (n != expected)
            {
                _report.Tell($"sender {sender}: got {n}, expected {expected}");
                return;
            }
            _next[sender] = n + 1;
            if (n == _count - 1 && ++_finished == _senders) _report.Tell("in order");
        }
    }

    /// <summary>Tells where it ran (the thread's name) to whoever asks.</summary>
    private sealed class WhereAmI : ReceiveActor
    {
        public WhereAmI() => ReceiveAny(_ => Sender.Tell(Thread.CurrentThread.Name ?? "(pool)", Self));
    }

    [Fact]
    public void Must_keep_per_sender_order_when_inline_and_queued_writes_mix()
    {
        const int senders = 4, count = 3_000;
        var (other, otherRemote) = NewNode();
        var checker = other.ActorOf(Props.Create(() => new OrderChecker(RefOn(otherRemote, TestActor, Remote), senders + 1, count)), "checker");
        var remoteChecker = RefOn(Remote, checker, otherRemote);
        var echo = RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote);
        var association = Remote.AssociationFor(otherRemote.Address);
        void Send(int sender, int n) => remoteChecker.Tell(string.Create(CultureInfo.InvariantCulture, $"{sender}:{n}"));

        // Several threads send at once (they contend for the writer token). The first sends queue while the link
        // forms; so does a run in the middle, under a delay switched on and off: a send that finds the link live
        // again must not overtake what is still queued.
        var threads = Enumerable.Range(0, senders).Select(s => new Thread(() =>
        {
            for (var n = 0; n < count; n++)
            {
                if (n == count / 10) SpinWait.SpinUntil(() => Remote.IsAssociated(otherRemote.Address), TimeSpan.FromSeconds(10));
                if (s == 0 && n == count / 3) Remote.Faults.Delay(otherRemote.Address, TimeSpan.FromMilliseconds(50));
                if (s == 0 && n == count / 2) Remote.Faults.PassThrough(otherRemote.Address);
                Send(s, n);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        // Then, once the peer has read all that (an echo behind it came back), one sender on an idle link: its
        // sends are written inline, one after the other.
        echo.Tell("drained", TestActor);
        ExpectMsg("drained", TimeSpan.FromSeconds(30));
        for (var n = 0; n < count; n++) Send(senders, n);

        ExpectMsg("in order", TimeSpan.FromSeconds(30));
        var (inline, queued) = association.WriteCounts;
        Assert.True(inline > 0 && queued > 0, $"both paths must have run: {inline} inline, {queued} queued");
    }

    [Fact]
    public void Must_keep_writing_inline_to_a_peer_while_a_fault_is_injected_towards_another()
    {
        var (one, oneRemote) = NewNode();
        var (other, otherRemote) = NewNode();
        var echoOne = RefOn(Remote, one.ActorOf(Props.Create<Echo>(), "echo"), oneRemote);
        var echoOther = RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote);
        foreach (var echo in new[] { echoOne, echoOther })
        {
            echo.Tell("hello", TestActor);
            ExpectMsg("hello", TimeSpan.FromSeconds(10));
        }
        Remote.Faults.Delay(oneRemote.Address, TimeSpan.FromMilliseconds(1));
        var (toOne, toOther) = (Remote.AssociationFor(oneRemote.Address), Remote.AssociationFor(otherRemote.Address));
        var (oneBefore, otherBefore) = (toOne.WriteCounts, toOther.WriteCounts);

        for (var n = 0; n < 10; n++)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"n{n}");
            echoOther.Tell(text, TestActor);
            ExpectMsg(text, TimeSpan.FromSeconds(10));
            echoOne.Tell(text, TestActor);
            ExpectMsg(text, TimeSpan.FromSeconds(10));
        }

        // The delayed link goes through the writer loop, which applies the delay, every time.
        Assert.Equal(oneBefore.Inline, toOne.WriteCounts.Inline);
        Assert.Equal(oneBefore.Queued + 10, toOne.WriteCounts.Queued);
        // The other link stays inline (a send finding the token held for a heartbeat's write would queue: not all ten
        // need be inline, but with the fault counted for every peer none were).
        Assert.True(toOther.WriteCounts.Inline - otherBefore.Inline >= 5, $"{toOther.WriteCounts.Inline - otherBefore.Inline} of 10 sends to the clean link were written inline");
    }

    [Fact]
    public void Must_run_the_recipient_on_the_reader_thread_of_its_connection()
    {
        var (other, otherRemote) = NewNode();
        var where = RefOn(Remote, other.ActorOf(Props.Create<WhereAmI>(), "where"), otherRemote);
        // A frame read while more wait (the rings' offer and switch follow the handshake) goes to the dispatcher, so
        // the first crossings may not run inline; once the link is quiet, every one does.
        AwaitAssert(() =>
        {
            where.Tell("where?", TestActor);
            Assert.StartsWith("remoting reader", ExpectMsg<string>(TimeSpan.FromSeconds(10)));
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void Must_hop_through_the_dispatcher_when_inline_crossings_are_off()
    {
        var settings = Settings();
        settings.InlineCrossings = false;
        var (other, otherRemote) = NewNode(settings: settings);
        var where = RefOn(Remote, other.ActorOf(Props.Create<WhereAmI>(), "where"), otherRemote);
        where.Tell("where?", TestActor);
        Assert.DoesNotContain("remoting reader", ExpectMsg<string>(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
        Assert.Equal(0, otherRemote.AssociationFor(Remote.Address).WriteCounts.Inline);
    }

    [Fact]
    public async Task Must_end_the_reader_threads_and_the_accept_thread_when_connections_close()
    {
        var (other, otherRemote) = NewNode();
        var echo = RefOn(Remote, other.ActorOf(Props.Create<Echo>(), "echo"), otherRemote);
        echo.Tell("hello", TestActor);
        ExpectMsg("hello", TimeSpan.FromSeconds(10));
        var readers = new[] { Remote.AssociationFor(otherRemote.Address).Active, otherRemote.AssociationFor(Remote.Address).Active }
            .Select(c => c?.ReaderThread ?? throw new InvalidOperationException("no live connection after a round trip"))
            .ToList();
        Assert.All(readers, r => Assert.True(r.IsAlive));

        await otherRemote.ShutdownAsync();

        // Ours sees the peer close; the peer's own ends with its shutdown; so does its accept thread.
        AwaitCondition(() => readers.All(r => !r.IsAlive) && !otherRemote.AcceptThread.IsAlive, TimeSpan.FromSeconds(10));
    }
}
