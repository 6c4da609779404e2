using XenActors.Actor;
using XenActors.Scheduler;

namespace XenActors.Xen.Network;

/// <summary>
/// A program in the guest sending numbered packets to its bond at a fixed rate (fractions carry over between
/// ticks, so the rate is exact over time). A suspended guest sends nothing: the sequence just resumes later,
/// so a pause shows as a hole in the rate, not as loss.
/// </summary>
public sealed class TrafficGeneratorActor : ReceiveActor
{
    private readonly IActorRef bond;
    private readonly string mac;
    private readonly double packetsPerSecond;
    private readonly TimeSpan tick;
    private ICancelable? timer;
    private long sequence;
    private double carry;
    private bool suspended;

    public TrafficGeneratorActor(IActorRef bond, string mac, double? packetsPerSecond = null, TimeSpan? tick = null)
    {
        this.bond = bond;
        this.mac = mac;
        this.packetsPerSecond = packetsPerSecond ?? NetworkDefaults.PacketsPerSecond;
        this.tick = tick ?? NetworkDefaults.GeneratorTick;
        Receive<StartTraffic>(_ =>
        {
            timer ??= Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(this.tick, this.tick, Self, GeneratorTick.Instance, Self);
        });
        Receive<StopTraffic>(_ =>
        {
            timer?.Cancel();
            timer = null;
            Sender.Tell(new TrafficSent(sequence));
        });
        Receive<GuestSuspended>(_ => suspended = true);
        Receive<GuestResumed>(_ => suspended = false);
        Receive<GeneratorTick>(_ => Send());
    }

    protected override void PostStop() => timer?.Cancel();

    private void Send()
    {
        if (suspended)
        {
            return;
        }

        carry += packetsPerSecond * tick.TotalSeconds;
        var now = Context.System.TimeProvider.GetUtcNow();
        for (; carry >= 1; carry--)
        {
            bond.Tell(new Packet(sequence++, mac, now));
        }
    }
}
