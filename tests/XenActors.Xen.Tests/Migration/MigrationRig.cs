using XenActors.Scheduler;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;

namespace XenActors.Xen.Tests.Migration;

/// <summary>Two hosts on virtual time, a guest with populated memory and a dirtying workload, and a link between them.</summary>
public sealed class MigrationRig
{
    public MigrationRig(int memoryMiB = 16, WorkloadOptions? workload = null)
    {
        Time = new ManualTimeProvider();
        Source = new HypervisorGate("host-a", new XenHypervisor());
        Destination = new HypervisorGate("host-b", new XenHypervisor());
        // An unrelated guest on the destination, so the migrated guest's domid has to be remapped.
        Destination.Run(hv => hv.CreateDomain(new DomainConfig("resident") { MemoryMiB = 16 }).ThrowIfFailed());
        Domid = Source.Run(hv =>
        {
            var id = hv.CreateDomain(new DomainConfig("guest1") { MemoryMiB = memoryMiB, Vcpus = 2 }).Value;
            hv.Unpause(id).ThrowIfFailed();
            return id;
        });
        Workload = new DirtyingWorkload(Source, Domid, workload ?? new WorkloadOptions { PagesPerSecond = 2000, WorkingSetPages = 512 });
        Workload.Populate(memoryMiB * 256L);
        Receiver = new MigrationReceiver(Destination, Time, Traces.Add);
        Link = new SimulatedMigrationLink(Time, Receiver);
    }

    public ManualTimeProvider Time { get; }

    public HypervisorGate Source { get; }

    public HypervisorGate Destination { get; }

    public int Domid { get; }

    public DirtyingWorkload Workload { get; }

    public MigrationReceiver Receiver { get; }

    public SimulatedMigrationLink Link { get; }

    public List<MigrationTrace> Traces { get; } = [];

    public string SourceChecksum() => Source.Run(hv => MemoryChecksum.Compute(hv, Domid).Value);

    public PreCopyMigration Engine(MigrationOptions? options = null) => new(Source, Domid, options, Time, Traces.Add);

    /// <summary>Starts the workload and the migration (over <see cref="Link"/> unless another transport is given), then moves virtual time until it ends (or 10 virtual minutes).</summary>
    public MigrationResult Run(PreCopyMigration engine, CancellationToken cancellation = default, Action<MigrationRig>? beforeEachStep = null, IMigrationTransport? transport = null)
    {
        MigrationResult? result = null;
        Workload.Start(Time);
        engine.Start(transport ?? Link, r => result = r, cancellation);
        for (var step = 0; result is null && step < 60_000; step++)
        {
            beforeEachStep?.Invoke(this);
            Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Workload.Stop();
        return result ?? throw new TimeoutException("the migration did not end within 10 virtual minutes");
    }

    public DomainState SourceState() => Source.Run(hv => hv.GetDomain(Domid).Value.State);

    public bool SourceLogDirty() => Source.Run(hv => hv.GetDomain(Domid).Value.LogDirty);

    /// <summary>Guests on the destination other than the resident one.</summary>
    public int MigratedDomainsOnDestination() =>
        Destination.Run(hv => hv.Domains.Count(d => d.Name == "guest1"));
}
