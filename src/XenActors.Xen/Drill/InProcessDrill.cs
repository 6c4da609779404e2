using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Network;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Drill;

/// <summary>
/// A whole drill in one actor system: two hosts (host-a, host-b) with a pass-through NIC per guest on each,
/// guests on host-a with populated, dirtying memory and a bonded NIC (pass-through + netfront/netback)
/// sending to a sink, a migration actor per host, a simulated link per guest, the simulated hot-plug path,
/// and a <see cref="MigrationDrillActor"/> per guest, all recording into one <see cref="Recorder"/>.
/// Run it on a manual dispatcher and virtual time and the same options give the same report.
/// </summary>
public sealed class InProcessDrill
{
    public const string SourceHost = "host-a";
    public const string DestinationHost = "host-b";
    private readonly ActorSystem system;
    private readonly List<IActorRef> drills = [];
    private readonly List<DirtyingWorkload> workloads = [];

    public InProcessDrill(ActorSystem system, InProcessDrillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        this.system = system;
        var o = options ?? new InProcessDrillOptions();
        var time = system.TimeProvider;
        var origin = time.GetUtcNow();
        Recorder = new DrillRecorder();
        var hosts = new Dictionary<string, HypervisorGate>();
        foreach (var name in new[] { SourceHost, DestinationHost })
        {
            var xen = new XenHypervisor(new HypervisorOptions { Clock = () => time.GetUtcNow() - origin }, new HypervisorTimelineSink(Recorder, name, origin));
            hosts[name] = new HypervisorGate(name, xen);
            for (var i = 0; i < o.Guests; i++)
            {
                xen.RegisterDevice(Nic(i)).ThrowIfFailed();
            }
        }

        Hosts = hosts;
        var source = hosts[SourceHost];
        var migrationA = system.ActorOf(Props.Create(() => new MigrationActor(hosts[SourceHost])), $"xend-{SourceHost}");
        var migrationB = system.ActorOf(Props.Create(() => new MigrationActor(hosts[DestinationHost])), $"xend-{DestinationHost}");
        for (var i = 0; i < o.Guests; i++)
        {
            var name = $"guest{i + 1}";
            var mac = $"00:16:3e:00:00:{i + 1:x2}";
            Recorder.DeclareLanes(
                DrillLanes.Drill(name),
                DrillLanes.Xend(SourceHost),
                DrillLanes.PreCopy(name),
                DrillLanes.Pciback(SourceHost),
                DrillLanes.Hypervisor(SourceHost),
                DrillLanes.Pcifront(name),
                DrillLanes.BondPhysical(name),
                DrillLanes.BondVirtual(name),
                DrillLanes.Xend(DestinationHost),
                DrillLanes.Pciback(DestinationHost),
                DrillLanes.Hypervisor(DestinationHost));
            var domid = source.Run(hv =>
            {
                var id = hv.CreateDomain(new DomainConfig(name) { MemoryMiB = o.GuestMemoryMiB }).Value;
                hv.AssignDevice(Nic(i), id).ThrowIfFailed();
                hv.Unpause(id).ThrowIfFailed();
                return id;
            });
            var workload = new DirtyingWorkload(source, domid, o.Workload with { Seed = o.Workload.Seed + i });
            workload.Populate(o.GuestMemoryMiB * 256L);
            workloads.Add(workload);

            var sink = system.ActorOf(Props.Create(() => new TrafficSinkActor(null)), $"sink-{name}");
            var netbackA = system.ActorOf(Props.Create(() => new NicActor(NicPath.Virtual, sink)), $"netback-{SourceHost}-{name}");
            var netbackB = system.ActorOf(Props.Create(() => new NicActor(NicPath.Virtual, sink)), $"netback-{DestinationHost}-{name}");
            var nic = system.ActorOf(Props.Create(() => new NicActor(NicPath.Physical, sink)), $"nic-{SourceHost}-{name}");
            var bond = system.ActorOf(Props.Create(() => new BondActor(mac, null)), $"bond-{name}");
            var rate = o.PacketsPerSecond;
            var generator = system.ActorOf(Props.Create(() => new TrafficGeneratorActor(bond, mac, rate, null)), $"traffic-{name}");
            // Both slaves up from the start, physical active: the guest booted with its NIC passed through.
            bond.Tell(new SlaveHotAdded(NicPath.Physical, nic));
            bond.Tell(new SlaveHotAdded(NicPath.Virtual, netbackA));

            var driver = new BondedNicDriver(system, bond, nic, sink);
            var guest = new DrillGuest
            {
                Name = name,
                Domid = domid,
                From = SourceHost,
                To = DestinationHost,
                Mac = mac,
                SourceMigration = migrationA,
                DestinationMigration = migrationB,
                Link = endpoint =>
                {
                    var link = new SimulatedMigrationLink(time, endpoint).WithBandwidth(o.LinkBytesPerSecond);
                    return o.Wire is null ? link : o.Wire(link);
                },
                Hotplug = new SimulatedDeviceHotplug(time, hosts, Recorder, name, driver),
                Bond = bond,
                Generator = generator,
                Sink = sink,
                DestinationNetback = netbackB,
                Migration = o.Migration,
                Moved = (host, id) => workload.MoveTo(hosts[host], id),
                Warmup = o.Warmup * (i + 1),
                Settle = o.Settle,
            };
            drills.Add(system.ActorOf(Props.Create(() => new MigrationDrillActor(guest, Recorder)), $"drill-{name}"));
        }
    }

    public DrillRecorder Recorder { get; }

    public IReadOnlyDictionary<string, HypervisorGate> Hosts { get; }

    /// <summary>The pass-through NIC given to the <paramref name="index"/>th guest (the same address on every host).</summary>
    public static PciAddress Nic(int index) => new(0, (byte)(3 + index), 0, 0);

    /// <summary>Starts the guests' workloads and every drill; each <see cref="DrillReport"/> goes to <paramref name="replyTo"/>.</summary>
    public void Start(IActorRef replyTo)
    {
        foreach (var workload in workloads)
        {
            workload.Start(system.TimeProvider);
        }

        foreach (var drill in drills)
        {
            drill.Tell(RunDrill.Instance, replyTo);
        }
    }

    public void StopWorkloads()
    {
        foreach (var workload in workloads)
        {
            workload.Stop();
        }
    }
}
