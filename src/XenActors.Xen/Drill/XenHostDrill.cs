using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Network;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Drill;

/// <summary>
/// A drill over two real in-process Xen hosts (host-a, host-b): each an <see cref="InProcessXenHost"/> with pciback
/// in a driver domain, a dual-port NIC (2 functions) and a NIC per guest in its inventory, all in the assignable
/// pool. Guests boot on host-a with populated, dirtying memory, the dual-port NIC at virtual slot 05 and the NIC
/// at 06, the NIC bonded with a netfront/netback NIC sending to a sink. Hot-plug goes to xend as xm commands
/// (<see cref="XendDeviceHotplug"/>), pages over a <see cref="SimulatedMigrationLink"/> (the
/// <see cref="IMigrationTransport"/> seam), relocation through both xends. Runs on the real dispatcher and clock.
/// </summary>
public sealed partial class XenHostDrill
{
    public const string HostA = "host-a";
    public const string HostB = "host-b";
    public const int MultiFunctionSlot = 0x05;
    public const int BondedNicSlot = 0x06;
    private readonly ActorSystem system;
    private readonly XenHostDrillOptions options;
    private readonly DateTimeOffset origin;
    private readonly Dictionary<string, DrillHost> hosts = [];
    private readonly Dictionary<string, DrillGuestRuntime> guests = [];
    private readonly Dictionary<string, NicPath?> bondPaths = [];
    private readonly Lock gate = new();
    private readonly SemaphoreSlim placement = new(1, 1);
    private DrillRecorder recorder = new();

    public XenHostDrill(ActorSystem system, XenHostDrillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        this.system = system;
        this.options = options ?? new XenHostDrillOptions();
        origin = system.TimeProvider.GetUtcNow();
        system.EventStream.Subscribe<ActiveSlaveChanged>(c =>
        {
            lock (gate)
            {
                bondPaths[c.Mac] = c.To;
            }
        });
    }

    /// <summary>The timeline of the latest run.</summary>
    public DrillRecorder Recorder
    {
        get { lock (gate) return recorder; }
    }

    public IReadOnlyDictionary<string, DrillHost> Hosts => hosts;

    public IReadOnlyDictionary<string, DrillGuestRuntime> Guests => guests;

    public XenHostDrillOptions Options => options;

    /// <summary>The functions of host inventory per guest index: a dual-port NIC at 03:0i and a NIC at 00:0(4+i).</summary>
    public static PciInventory Inventory(int guests) =>
        new([.. Enumerable.Range(0, guests).SelectMany(i => new[] { SyntheticDevices.DualPortNic(bus: 3, device: i), SyntheticDevices.SimpleNic(device: 4 + i) })]);

    /// <summary>Boots both hosts and the guests on host-a with their devices attached through xend.</summary>
    public async Task StartAsync()
    {
        foreach (var name in new[] { HostA, HostB })
        {
            var sink = new RecorderHypervisorSink(this, name);
            var shared = new SharedHypervisor(new HypervisorOptions { Clock = () => system.TimeProvider.GetUtcNow() - origin }, sink);
            var xen = new InProcessXenHost(system, Inventory(options.Guests), timeout: options.XendTimeout, prefix: name + "-", driverDomain: DrillHost.DriverDomain, hypervisor: shared);
            var hostGate = new HypervisorGate(name, shared);
            var migration = system.ActorOf(Props.Create(() => new MigrationActor(hostGate)), $"{name}-relocation");
            var host = new DrillHost(name, xen, hostGate, migration);
            hosts[name] = host;
            system.ActorOf(XenbusLaneWatcher.Props(xen.XenStore, name, () => Recorder, (h, domid) => hosts[h].GuestNames.GetValueOrDefault(domid)), $"{name}-lanes");
            foreach (var f in xen.Inventory.Functions)
                await Xm(name, new XmPciAssignableAdd(f.Address.ToString()));
        }

        for (var i = 0; i < options.Guests; i++)
            await BootGuestAsync(i);
    }

    private async Task BootGuestAsync(int index)
    {
        var name = FormattableString.Invariant($"guest{index + 1}");
        var mac = FormattableString.Invariant($"00:16:3e:00:00:{index + 1:x2}");
        var host = hosts[HostA];
        var domid = host.Gate.Run(hv =>
        {
            var id = hv.CreateDomain(new DomainConfig(name) { MemoryMiB = options.GuestMemoryMiB }).Value;
            hv.Unpause(id).ThrowIfFailed();
            return id;
        });
        host.GuestNames[domid] = name;
        var workload = new DirtyingWorkload(host.Gate, domid, options.Workload with { Seed = options.Workload.Seed + index });
        workload.Populate(options.GuestMemoryMiB * 256L);
        await Xm(HostA, new XmIntroduceDomain(domid));
        await Xm(HostA, new XmPciAttach(domid, FormattableString.Invariant($"0000:03:{index:x2}.0-1@{MultiFunctionSlot:x}")));
        await Xm(HostA, new XmPciAttach(domid, FormattableString.Invariant($"0000:00:{4 + index:x2}.0@{BondedNicSlot:x}")));

        var sink = system.ActorOf(Props.Create(() => new TrafficSinkActor(null)), $"sink-{name}");
        var netbacks = hosts.Keys.ToDictionary(h => h, h => system.ActorOf(Props.Create(() => new NicActor(NicPath.Virtual, sink)), $"netback-{h}-{name}"));
        var nic = system.ActorOf(Props.Create(() => new NicActor(NicPath.Physical, sink)), $"nic-{name}");
        var bond = system.ActorOf(Props.Create(() => new BondActor(mac, null)), $"bond-{name}");
        var rate = options.PacketsPerSecond;
        var generator = system.ActorOf(Props.Create(() => new TrafficGeneratorActor(bond, mac, rate, null)), $"traffic-{name}");
        bond.Tell(new SlaveHotAdded(NicPath.Physical, nic));
        bond.Tell(new SlaveHotAdded(NicPath.Virtual, netbacks[HostA]));
        lock (gate)
        {
            bondPaths[mac] = NicPath.Physical;
        }

        guests[name] = new DrillGuestRuntime
        {
            Name = name,
            Mac = mac,
            Workload = workload,
            Driver = new BondedNicDriver(system, bond, nic, sink),
            Bond = bond,
            Generator = generator,
            Sink = sink,
            Netbacks = netbacks,
            Host = HostA,
            Domid = domid,
        };
        workload.Start(system.TimeProvider);
    }

    /// <summary>The path the guest's bond sends on now (null: none).</summary>
    public NicPath? BondPath(string guest)
    {
        lock (gate)
        {
            return bondPaths.GetValueOrDefault(guests[guest].Mac);
        }
    }

    public static string OtherHost(string host) => host == HostA ? HostB : HostA;

    public void StopWorkloads()
    {
        foreach (var g in guests.Values)
            g.Workload.Stop();
    }

    private async Task<XmResult> Xm(string host, object command)
    {
        var r = await hosts[host].Host.Xm(command, options.XendTimeout * 4);
        if (!r.Success)
            throw new InvalidOperationException($"{host}: {command.GetType().Name}: {r.Message}");
        return r;
    }

    private static string Dec(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each host's hypervisor log on its timeline lane, into whichever recorder is current.</summary>
    private sealed class RecorderHypervisorSink(XenHostDrill drill, string host) : IEventSink
    {
        public void Upcall(int domid, int vcpu, int port)
        {
        }

        public void Logged(HypervisorEvent hypervisorEvent) =>
            new HypervisorTimelineSink(drill.Recorder, host, drill.origin).Logged(hypervisorEvent);
    }
}
