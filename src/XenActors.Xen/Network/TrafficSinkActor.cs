using XenActors.Actor;

namespace XenActors.Xen.Network;

/// <summary>
/// The far end of the drill's traffic (a host on the other side of the switch): records every sequence number
/// once, counts repeats as duplicates, counts arrivals per path and per sample window, and adds the time
/// between consecutive arrivals on the same path to that path. Loss is measured, not inferred from the bond:
/// every number below what the generator sent that never arrived.
/// </summary>
public sealed class TrafficSinkActor : ReceiveActor
{
    private readonly HashSet<long> seen = [];
    private readonly SortedDictionary<long, (int Physical, int Virtual)> buckets = [];
    private readonly HashSet<string> macs = new(StringComparer.Ordinal);
    private readonly Dictionary<NicPath, TimeSpan> timeOn = new() { [NicPath.Physical] = TimeSpan.Zero, [NicPath.Virtual] = TimeSpan.Zero };
    private readonly Dictionary<NicPath, long> receivedOn = new() { [NicPath.Physical] = 0, [NicPath.Virtual] = 0 };
    private readonly TimeSpan width;
    private DateTimeOffset? origin;
    private (NicPath Path, DateTimeOffset At)? last;
    private long duplicated;

    public TrafficSinkActor(TimeSpan? sampleWidth = null)
    {
        width = sampleWidth ?? NetworkDefaults.RateSampleWidth;
        Receive<Packet>(Arrived);
        Receive<GetTrafficReport>(m => Sender.Tell(Report(m.Sent)));
    }

    private void Arrived(Packet packet)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        origin ??= now;
        macs.Add(packet.SourceMac);
        if (!seen.Add(packet.Sequence))
        {
            duplicated++;
        }

        var path = packet.Path ?? NicPath.Virtual;
        receivedOn[path]++;
        if (last is { } previous && previous.Path == path)
        {
            timeOn[path] += now - previous.At;
        }

        last = (path, now);
        var bucket = (now - origin.Value).Ticks / width.Ticks;
        var counts = buckets.GetValueOrDefault(bucket);
        buckets[bucket] = path == NicPath.Physical ? (counts.Physical + 1, counts.Virtual) : (counts.Physical, counts.Virtual + 1);
    }

    private TrafficReport Report(long sent)
    {
        var start = origin ?? Context.System.TimeProvider.GetUtcNow();
        var samples = new List<TrafficSample>();
        if (buckets.Count > 0)
        {
            // Every window up to the last one, empty ones included: a pause in traffic must show as a dip.
            for (var b = 0L; b <= buckets.Keys.Max(); b++)
            {
                var counts = buckets.GetValueOrDefault(b);
                samples.Add(new TrafficSample(start + (width * b), width, counts.Physical, counts.Virtual));
            }
        }

        return new TrafficReport
        {
            Sent = sent,
            Received = seen.Count + duplicated,
            Lost = Math.Max(0, sent - seen.Count(s => s < sent)),
            Duplicated = duplicated,
            ReceivedPhysical = receivedOn[NicPath.Physical],
            ReceivedVirtual = receivedOn[NicPath.Virtual],
            TimeOnPhysical = timeOn[NicPath.Physical],
            TimeOnVirtual = timeOn[NicPath.Virtual],
            Macs = [.. macs.Order(StringComparer.Ordinal)],
            Samples = samples,
        };
    }
}
