namespace XenActors.Xen.Migration;

/// <summary>
/// An in-process relocation link with a bandwidth, a latency and faults, timed by the injected
/// <see cref="TimeProvider"/>. Records are serialized on the wire one after another (a record waits for the
/// one before it), arrive after latency, and the reply takes latency back. Faults: <see cref="Throttle"/>
/// (less bandwidth, e.g. so pre-copy cannot converge), <see cref="Partition"/> (nothing arrives; the sender
/// gives up after <see cref="PartitionTimeout"/>), <see cref="ResetAfter"/> (the connection breaks
/// mid-stream). A broken link tells the destination, which drops its half-built domain.
/// </summary>
public sealed class SimulatedMigrationLink(TimeProvider time, IMigrationEndpoint destination) : IMigrationTransport
{
    private readonly Lock gate = new();
    private readonly HashSet<ITimer> timers = [];
    private DateTimeOffset busyUntil;
    private int sent;
    private bool broken;

    public long BytesPerSecond { get; private set; } = MigrationDefaults.LinkBytesPerSecond;

    public TimeSpan Latency { get; init; } = MigrationDefaults.LinkLatency;

    public TimeSpan PartitionTimeout { get; init; } = MigrationDefaults.PartitionTimeout;

    public bool Partitioned { get; private set; }

    /// <summary>Records handed to <see cref="Send"/> so far.</summary>
    public int RecordsSent => sent;

    public long BytesCarried { get; private set; }

    private int? ResetAt { get; set; }

    public SimulatedMigrationLink WithBandwidth(long bytesPerSecond)
    {
        Throttle(bytesPerSecond);
        return this;
    }

    /// <summary>Changes the bandwidth for records sent from now on.</summary>
    public void Throttle(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerSecond, 1);
        lock (gate)
        {
            BytesPerSecond = bytesPerSecond;
        }
    }

    /// <summary>From now on nothing gets through; a sender waiting on a record fails after the partition timeout.</summary>
    public void Partition()
    {
        lock (gate)
        {
            Partitioned = true;
        }
    }

    /// <summary>The connection resets while the record with this 1-based number is on the wire.</summary>
    public void ResetAfter(int records)
    {
        lock (gate)
        {
            ResetAt = records + 1;
        }
    }

    public void Send(MigrationRecord record, Action<TransportOutcome> completed)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(completed);
        lock (gate)
        {
            var now = time.GetUtcNow();
            sent++;
            if (broken)
            {
                After(TimeSpan.Zero, () => completed(TransportOutcome.Failed("connection closed")));
                return;
            }

            if (Partitioned)
            {
                After(PartitionTimeout, () => Break("partitioned: no reply within " + PartitionTimeout.TotalSeconds + " s", completed));
                return;
            }

            var start = busyUntil > now ? busyUntil : now;
            var wire = TimeSpan.FromSeconds(record.WireBytes / (double)BytesPerSecond);
            busyUntil = start + wire;
            if (sent == ResetAt)
            {
                After(start + (wire / 2) - now, () => Break("connection reset by peer", completed));
                return;
            }

            BytesCarried += record.WireBytes;
            After(busyUntil + Latency - now, () =>
            {
                var reply = destination.Receive(record);
                After(Latency, () => completed(TransportOutcome.Ok(reply)));
            });
        }
    }

    public void Abort(string reason)
    {
        lock (gate)
        {
            if (broken)
            {
                return;
            }

            broken = true;
            foreach (var timer in timers)
            {
                timer.Dispose();
            }

            timers.Clear();
        }

        destination.ConnectionLost(reason);
    }

    private void Break(string reason, Action<TransportOutcome> completed)
    {
        Abort(reason);
        completed(TransportOutcome.Failed(reason));
    }

    private void After(TimeSpan delay, Action action)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                lock (gate)
                {
                    if (!timers.Remove(timer!))
                    {
                        return; // aborted meanwhile
                    }
                }

                action();
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }
}
