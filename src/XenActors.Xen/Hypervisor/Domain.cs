using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A domain as the hypervisor holds it. The public surface is read-only; the hypervisor mutates
/// the internal tables (event channels, grants, permissions, memory) on behalf of hypercalls.
/// </summary>
public sealed class Domain
{
    private readonly HashSet<PciAddress> assignedDevices = [];

    internal Domain(int id, DomainConfig config, int maxEventChannelPort, GuestMemory memory, bool privileged)
    {
        Id = id;
        Name = config.Name;
        Type = config.Type;
        MemoryMiB = config.MemoryMiB;
        Vcpus = config.Vcpus;
        MaxEventChannelPort = maxEventChannelPort;
        IsPrivileged = privileged;
        Memory = memory;
        VirqPorts = new int[config.Vcpus, VirqInfo.Count];
        InterruptDeliveries = new long[config.Vcpus];
        AddPortBucket();
        // Port 0 is never handed out: evtchn_init marks it ECS_RESERVED.
        Ports[0].State = EventChannelState.Reserved;
    }

    public int Id { get; }

    public string Name { get; }

    public DomainType Type { get; }

    public int MemoryMiB { get; }

    public int Vcpus { get; }

    public DomainState State { get; internal set; } = DomainState.Paused;

    public bool IsPrivileged { get; }

    public int MaxEventChannelPort { get; }

    /// <summary>Number of 4 KiB guest-physical frames.</summary>
    public long FrameCount => Memory.FrameCount;

    public bool LogDirty => Memory.LogDirty;

    public IReadOnlyCollection<PciAddress> AssignedDevices => assignedDevices;

    /// <summary>Live and able to take new bindings (not Dying or Destroyed).</summary>
    public bool IsAlive => State is DomainState.Running or DomainState.Paused;

    internal GuestMemory Memory { get; }

    internal List<EventChannel> Ports { get; } = [];

    /// <summary>virq_to_evtchn per vCPU; 0 means unbound.</summary>
    internal int[,] VirqPorts { get; }

    internal Dictionary<uint, GrantEntry> Grants { get; } = [];

    /// <summary>Mappings this domain holds of other domains' grants, by handle.</summary>
    internal Dictionary<int, GrantMapping> Mappings { get; } = [];

    /// <summary>Mappings other domains hold of this domain's grants; a dying domain lingers until it reaches 0.</summary>
    internal int ForeignMappings { get; set; }

    internal RangeSet IomemPermissions { get; } = new();

    internal RangeSet IoportPermissions { get; } = new();

    internal RangeSet IrqPermissions { get; } = new();

    /// <summary>MMIO p2m entries: guest frame → machine frame.</summary>
    internal SortedDictionary<long, long> MmioMappings { get; } = [];

    internal Dictionary<int, InterruptRoute> Routes { get; } = [];

    /// <summary>Interrupt deliveries per vCPU over the domain's life, surviving route removal.</summary>
    internal long[] InterruptDeliveries { get; }

    internal long InterruptRedirections { get; set; }

    internal HashSet<PciAddress> AssignedSet => assignedDevices;

    /// <summary>
    /// Xen allocates the port table in buckets and port_is_valid means "inside an allocated bucket":
    /// ports there are valid even while Free (unmask and status accept them), ports beyond are not.
    /// </summary>
    internal const int PortsPerBucket = 64;

    /// <summary>Grows the table by one bucket, capped at the port limit; false when already at the limit.</summary>
    internal bool AddPortBucket()
    {
        var end = Math.Min(Ports.Count + PortsPerBucket, MaxEventChannelPort + 1);
        if (end <= Ports.Count)
        {
            return false;
        }

        for (var port = Ports.Count; port < end; port++)
        {
            Ports.Add(new EventChannel(port));
        }

        return true;
    }

    internal EventChannel? PortOrNull(int port) => port >= 0 && port < Ports.Count ? Ports[port] : null;

    public override string ToString() => $"{Name} (domain {Id}, {Type}, {State})";
}
