using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XenActors.Actor;
using XenActors.Hosting.XenHost;
using XenActors.Hosting.XenStore;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Pciback;
using XenActors.Xen.Store;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// The parts of one split Xen host that this node's roles name (<see cref="SplitHostRoles"/>). The xen part starts
/// at once (a socket that cannot be bound stops the node); the others wait for their peers in the background and
/// complete <see cref="Ready"/>, or fault it with a message naming what is missing.
/// </summary>
public sealed partial class SplitHostNode : IAsyncDisposable
{
    /// <summary>Well-known actor names, the same on every node of a host.</summary>
    public const string HypervisorName = "hypervisor";
    public const string XenStoreName = "xenstore";
    public const string XendName = "xend";

    public static string PcibackName(int domid) => FormattableString.Invariant($"dom{domid}-pciback");

    private readonly ActorSystem _system;
    private readonly XenActors.Cluster.Cluster _cluster;
    private readonly XenHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly PciInventory _inventory;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _self;
    private XenStoreServer? _server;

    private SplitHostNode(ActorSystem system, XenActors.Cluster.Cluster cluster, XenHostOptions options, ILoggerFactory loggers, string self, IReadOnlyList<string> kinds)
    {
        _system = system;
        _cluster = cluster;
        _options = options;
        _loggers = loggers;
        _self = self;
        _log = loggers.CreateLogger("xenactors.splithost");
        // Every part reads the same inventory and moves the same BARs; only dom0's kernel says so, as on a real host.
        _inventory = HostXenNode.LoadInventory(options, kinds.Contains(SplitHostRoles.Dom0) ? loggers.CreateLogger("xenactors.dom0") : NullLogger.Instance);
        Kinds = kinds;
    }

    public string Host => _options.Host!;

    public IReadOnlyList<string> Kinds { get; }

    public string? SocketPath { get; private set; }

    /// <summary>Completes when every part runs; faults (TimeoutException) when a peer did not come.</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the parts of <c>xenactors:xen:host</c> that <paramref name="roles"/> name.</summary>
    public static SplitHostNode Start(ActorSystem system, XenActors.Cluster.Cluster cluster, XenHostOptions options, IReadOnlyList<string> roles, string nodeName, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (options.Host is null) throw new ConfigurationException($"{XenHostOptions.Section}:host is not set: a split-host part needs the name of its host.");
        SplitHostSerialization.Register(cluster.Remoting.Serialization);
        var kinds = SplitHostRoles.KindsIn(roles);
        var node = new SplitHostNode(system, cluster, options, loggers, $"{nodeName} ({string.Join(",", kinds)} of {options.Host})", kinds);
        if (node.Kinds.Contains(SplitHostRoles.Xen)) node.StartXen();
        var deadline = DateTime.UtcNow + options.PeerTimeout;
        // Each part on its own: a node may run several, and dom0 and the driver wait for each other's work.
        var parts = new List<Task>();
        if (node.Kinds.Contains(SplitHostRoles.Dom0)) parts.Add(Task.Run(() => node.StartDom0Async(deadline)));
        if (node.Kinds.Contains(SplitHostRoles.Driver)) parts.Add(Task.Run(() => node.StartDriverAsync(deadline)));
        if (node.Kinds.Contains(SplitHostRoles.Guest)) parts.Add(Task.Run(() => node.StartGuestAsync(deadline)));
        node.Ready = Task.WhenAll(parts);
        return node;
    }

    private SplitHostPeers Peers(DateTime deadline) => new(_cluster, Host, deadline, _self, _log);

    /// <summary>Hypervisor, XenStore and its write journal, and xenstored on the socket over the same store.</summary>
    private void StartXen()
    {
        var store = new SharedXenStore();
        _system.ActorOf(HypervisorActor.Props(), HypervisorName);
        _system.ActorOf(XenStoreActor.Props(store), XenStoreName);
        _system.ActorOf(XsJournal.Props(), XsJournal.Name);
        if (_options.XenstoreSocket is { } path)
        {
            _server = new XenStoreServer(new XenStoreServerOptions { SocketPath = path }, _loggers.CreateLogger<XenStoreServer>(), store);
            try
            {
                _server.Start();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"{XenHostOptions.Section}:xenstoreSocket '{path}': cannot listen: {ex.Message}", ex);
            }
            SocketPath = path;
        }
        _log.LogInformation("{Self} runs the hypervisor and XenStore; xenstored on {Socket}", _self, SocketPath ?? "(no socket)");
    }

    /// <summary>The hypervisor and XenStore of this host, wherever its xen node runs.</summary>
    private async Task<(IActorRef Hypervisor, IActorRef XenStore)> XenAsync(SplitHostPeers peers)
    {
        var xen = (await peers.AwaitMembersAsync(SplitHostRoles.Xen, 1, _stop.Token).ConfigureAwait(false))[0];
        var hypervisor = await peers.IdentifyAsync(xen, HypervisorName, _stop.Token).ConfigureAwait(false);
        var xenStore = await peers.IdentifyAsync(xen, XenStoreName, _stop.Token).ConfigureAwait(false);
        return (hypervisor, xenStore);
    }

    private async Task StartGuestAsync(DateTime deadline)
    {
        var (hypervisor, xenStore) = await XenAsync(Peers(deadline)).ConfigureAwait(false);
        // A stub-domain ioemu started here reads and writes this node's own copy of the host's PCI inventory (loaded
        // from the same file as dom0's): config space is not shared between processes, only the hypervisor's ownership is.
        _system.ActorOf(GuestLauncher.Props(xenStore, hypervisor, inventory: _inventory), GuestPlacement.Name);
        _log.LogInformation("{Self} is ready to run a domain", _self);
    }

    private async Task StartDriverAsync(DateTime deadline)
    {
        var peers = Peers(deadline);
        var (hypervisor, xenStore) = await XenAsync(peers).ConfigureAwait(false);
        var domid = DriverDomain.DefaultDomid;
        var hv = new HypervisorClient(hypervisor);
        _log.LogInformation("{Self} waits for dom0 to create driver domain {Domid}", _self, domid);
        while (!(await hv.CallAsync<Xen.Hypervisor.Messages.DomainSummary>(new Xen.Hypervisor.Messages.HvGetDomain(domid)).ConfigureAwait(false)).IsSuccess)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_self}: driver domain {domid} was not created; is the dom0 node of {Host} running?");
            await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token).ConfigureAwait(false);
        }
        _system.ActorOf(PcibackDriver.Props(xenStore, hypervisor, _inventory, domid), PcibackName(domid));
        _log.LogInformation("{Self} runs pciback as driver domain {Domid}", _self, domid);
    }

    /// <summary>Stops serving the socket and removes its file; the actors stop with the actor system.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
