using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// The emulated Xen hypervisor of one host: domains, event channels, grant tables, guest memory,
/// IOMMU contexts, MMIO/port permissions and interrupt routing, as a pure in-memory model.
/// Thread-confined (the Hypervisor actor owns it): no locks. Failures come back as
/// <see cref="XenResult"/> carrying the errno the real hypercall returns.
/// Named XenHypervisor, not Hypervisor, so it does not collide with its own namespace.
/// </summary>
public sealed partial class XenHypervisor
{
    private readonly IEventSink sink;
    private readonly Func<TimeSpan> clock;
    private readonly SortedDictionary<int, Domain> domains = [];
    private readonly Dictionary<string, Domain> domainsByName = new(StringComparer.Ordinal);
    private readonly MachineFrameAllocator machine;
    private readonly Queue<HypervisorEvent> log = new();
    private long sequence;

    public XenHypervisor(HypervisorOptions? options = null, IEventSink? sink = null)
    {
        Options = options ?? new HypervisorOptions();
        this.sink = sink ?? NullEventSink.Instance;
        clock = Options.Clock ?? (() => TimeSpan.Zero);
        machine = new MachineFrameAllocator(MiBToFrames(Options.HostMemoryMiB));
        var dom0 = new DomainConfig("Domain-0")
        {
            MemoryMiB = Options.Dom0MemoryMiB,
            Vcpus = Options.Dom0Vcpus,
            Domid = DomainIds.Dom0,
            Privileged = true,
        };
        CreateDomain(dom0).WithoutValue().ThrowIfFailed();
        domains[DomainIds.Dom0].State = DomainState.Running;
        GrantControlDomainPermissions(domains[DomainIds.Dom0]);
        InitGlobalVirqHandlers();
    }

    public HypervisorOptions Options { get; }

    /// <summary>The most recent log entries, oldest first (bounded by <see cref="HypervisorOptions.EventLogCapacity"/>).</summary>
    public IReadOnlyCollection<HypervisorEvent> Events => log;

    /// <summary>Live domains (including Dying ones still holding their id), by id.</summary>
    public IEnumerable<Domain> Domains => domains.Values;

    public long FreeMachineFrames => machine.FreeFrames;

    private static long MiBToFrames(int mib) => (long)mib * (1024 * 1024 / GuestMemory.PageSize);

    private static XenError Fail(Errno errno, string message) => new(errno, message);

    private void Log(HypervisorEventKind kind, int domain, string detail)
    {
        var entry = new HypervisorEvent(++sequence, clock(), kind, domain, detail);
        log.Enqueue(entry);
        while (log.Count > Math.Max(1, Options.EventLogCapacity))
        {
            log.Dequeue();
        }

        sink.Logged(entry);
    }

    /// <summary>A domain that exists (possibly Dying), the way rcu_lock_domain_by_id finds it.</summary>
    private Domain? Find(int domid) => domains.GetValueOrDefault(domid);

    /// <summary>Resolves DOMID_SELF to the caller.</summary>
    private static int Resolve(int domid, int caller) => domid == DomainIds.Self ? caller : domid;
}
