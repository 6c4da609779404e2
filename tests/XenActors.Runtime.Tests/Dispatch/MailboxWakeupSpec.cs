using XenActors.Actor;

namespace XenActors.Runtime.Tests.Dispatch;

/// <summary>
/// Ping-pong is the pattern where every message arrives just as the receiver's mailbox goes idle: a lost wakeup
/// there stalls a pair for good. Many pairs, many round trips, one deadline: a single lost wakeup fails it.
/// </summary>
public sealed class MailboxWakeupSpec : TestKit.TestKit
{
    private sealed class Bouncer : UntypedActor
    {
        private readonly int _roundTrips;
        private readonly IActorRef? _report;
        private int _count;

        public Bouncer(int roundTrips, IActorRef? report)
        {
            _roundTrips = roundTrips;
            _report = report;
        }

        protected override void OnReceive(object message)
        {
            if (message is IActorRef peer)
            {
                peer.Tell(0, Self);
                return;
            }
            if (_report is null)
            {
                Sender.Tell(message, Self);
            }
            else if (++_count == _roundTrips)
            {
                _report.Tell("done");
            }
            else
            {
                Sender.Tell(message, Self);
            }
        }
    }

    [Fact]
    public void Must_not_lose_a_wakeup_when_a_message_arrives_as_the_mailbox_goes_idle()
    {
        const int pairs = 8, roundTrips = 50_000;
        for (var p = 0; p < pairs; p++)
        {
            var ponger = Sys.ActorOf(Props.Create(() => new Bouncer(roundTrips, null)));
            var pinger = Sys.ActorOf(Props.Create(() => new Bouncer(roundTrips, TestActor)));
            pinger.Tell(ponger, ActorRefs.NoSender);
        }
        // Generous: the pairs need well under a second each; only a stalled pair takes this long.
        for (var p = 0; p < pairs; p++) ExpectMsg("done", TimeSpan.FromSeconds(60));
    }
}
