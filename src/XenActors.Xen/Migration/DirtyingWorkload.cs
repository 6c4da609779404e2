using System.Buffers.Binary;
using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// A guest program that keeps writing its memory: seeded, so the same run dirties the same pages with the
/// same bytes. It writes only while its domain is Running (a paused guest does nothing), through the guest's
/// own memory interface, so the hypervisor's log-dirty sees every write. <see cref="MoveTo"/> follows the
/// guest to the destination after a migration.
/// </summary>
public sealed class DirtyingWorkload
{
    private const int StampBytes = 32;
    private readonly WorkloadOptions options;
    private readonly Random random;
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, byte[]> shadow = [];
    private HypervisorGate host;
    private int domid;
    private double carry;
    private ITimer? ticker;

    public DirtyingWorkload(HypervisorGate host, int domid, WorkloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        this.host = host;
        this.domid = domid;
        this.options = options ?? new WorkloadOptions();
        random = new Random(this.options.Seed);
    }

    /// <summary>Page writes so far.</summary>
    public long PagesWritten { get; private set; }

    /// <summary>Fills the first <paramref name="pages"/> frames with seeded bytes: the guest's memory before migration.</summary>
    public void Populate(long pages)
    {
        var page = new byte[XenHypervisor.PageSize];
        lock (gate)
        {
            host.Run(hv =>
            {
                for (long gfn = options.KernelFrames; gfn < pages; gfn++)
                {
                    random.NextBytes(page);
                    hv.WriteFrame(domid, gfn, page).ThrowIfFailed();
                    shadow[gfn] = [.. page];
                }
            });
        }
    }

    /// <summary>Runs the guest for <paramref name="elapsed"/>: rate × time page writes (fractions carry over). Returns the writes done.</summary>
    public int Run(TimeSpan elapsed)
    {
        lock (gate)
        {
            return host.Run(hv =>
            {
                if (hv.GetDomain(domid) is not { IsSuccess: true } lookup || lookup.Value.State != DomainState.Running)
                {
                    return 0;
                }

                var frames = (int)Math.Min(options.WorkingSetPages ?? long.MaxValue, lookup.Value.FrameCount);
                carry += options.PagesPerSecond * elapsed.TotalSeconds;
                var writes = (int)carry;
                carry -= writes;
                Span<byte> stamp = stackalloc byte[StampBytes];
                for (var i = 0; i < writes; i++)
                {
                    var gfn = options.KernelFrames + random.Next(Math.Max(1, frames - options.KernelFrames));
                    var offset = random.Next(XenHypervisor.PageSize / StampBytes) * StampBytes;
                    BinaryPrimitives.WriteInt64LittleEndian(stamp, ++PagesWritten);
                    random.NextBytes(stamp[sizeof(long)..]);
                    hv.WriteGuestMemory(domid, ((ulong)gfn * XenHypervisor.PageSize) + (ulong)offset, stamp).ThrowIfFailed();
                    if (!shadow.TryGetValue(gfn, out var copy))
                    {
                        shadow[gfn] = copy = new byte[XenHypervisor.PageSize];
                    }

                    stamp.CopyTo(copy.AsSpan(offset));
                }

                return writes;
            });
        }
    }

    /// <summary>Runs <see cref="Run"/> every <paramref name="tick"/> of <paramref name="time"/> until <see cref="Stop"/>.</summary>
    public void Start(TimeProvider time, TimeSpan? tick = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var period = tick ?? MigrationDefaults.WorkloadTick;
        lock (gate)
        {
            ticker?.Dispose();
            // The time that really passed since the last tick: a late timer on a loaded machine must not slow the guest's dirtying rate.
            var last = time.GetTimestamp();
            ticker = time.CreateTimer(
                _ =>
                {
                    // Timer callbacks may overlap on a loaded machine: take the interval under the gate so none is counted twice.
                    lock (gate)
                    {
                        var now = time.GetTimestamp();
                        var elapsed = time.GetElapsedTime(last, now);
                        last = now;
                        Run(elapsed);
                    }
                },
                null,
                period,
                period);
        }
    }

    public void Stop()
    {
        lock (gate)
        {
            ticker?.Dispose();
            ticker = null;
        }
    }

    /// <summary>
    /// Whether the guest's memory, wherever it runs now, holds exactly what this workload wrote: the checksum
    /// of its own copy against the domain's. True after a completed migration and after a rollback alike.
    /// </summary>
    public bool MemoryIntact()
    {
        lock (gate)
        {
            var expected = MemoryChecksum.Compute(shadow.Select(p => (p.Key, (byte[]?)p.Value)));
            // A slice of pages per hold of the host's lock: the host's other guests may be mid-migration. Holding
            // this workload's lock keeps the only writer of the domain off meanwhile.
            var actual = MemoryChecksum.Compute(host, domid, gfn => gfn >= options.KernelFrames);
            return actual.IsSuccess && actual.Value == expected;
        }
    }

    /// <summary>The guest now runs as <paramref name="newDomid"/> on <paramref name="newHost"/>.</summary>
    public void MoveTo(HypervisorGate newHost, int newDomid)
    {
        ArgumentNullException.ThrowIfNull(newHost);
        lock (gate)
        {
            host = newHost;
            domid = newDomid;
        }
    }
}
