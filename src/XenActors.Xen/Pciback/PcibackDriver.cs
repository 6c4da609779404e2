using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Pciback;

/// <summary>
/// The xenbus backend bus of a driver domain for "pci" devices: watches
/// <c>/local/domain/&lt;dd&gt;/backend/pci</c>, probes a <see cref="PcibackDevice"/> when a guest's
/// <c>&lt;domid&gt;/0/state</c> appears and removes it when the directory goes.
/// </summary>
public sealed class PcibackDriver : ReceiveActor
{
    private const string Token = "backend-pci";
    private readonly XenStoreClient _store;
    private readonly IActorRef _hypervisor;
    private readonly PciInventory _inventory;
    private readonly int _domid;
    private readonly string _root;
    private readonly Dictionary<int, IActorRef> _devices = [];
    private readonly SortedSet<int> _changed = [];
    private int _probes;

    public PcibackDriver(IActorRef store, IActorRef hypervisor, PciInventory inventory, int domid)
    {
        _store = new XenStoreClient(store, (uint)domid, Self);
        _hypervisor = hypervisor;
        _inventory = inventory;
        _domid = domid;
        _root = FormattableString.Invariant($"/local/domain/{domid}/backend/pci");
        ReceiveAsync<Start>(_ => StartAsync());
        Receive<XsWatchEvent>(OnChanged);
        ReceiveAsync<Reconcile>(_ => ReconcileChangedAsync());
        ReceiveAsync<Terminated>(async t =>
        {
            foreach (var (fe, _) in _devices.Where(d => d.Value.Equals(t.ActorRef)).ToList())
            {
                // The device unbound itself (its node went, or was re-created for the next device while
                // our own removal event was still queued): act on the directory as it is now.
                _devices.Remove(fe);
                await ReconcileAsync(fe);
            }
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, PciInventory inventory, int domid) =>
        Actor.Props.Create(() => new PcibackDriver(store, hypervisor, inventory, domid));

    protected override void PreStart() => Self.Tell(Start.Instance);

    /// <summary>
    /// xenbus_register_backend: watch the bus, then probe what is already there (xenbus_probe_devices). A directory
    /// the toolstack wrote before the watch was set fires only the watch's first event, for the bus itself.
    /// </summary>
    private async Task StartAsync()
    {
        await _store.WatchAsync(_root, Token);
        var existing = await _store.DirectoryAsync(_root);
        if (!existing.IsOk)
            return;
        foreach (var name in existing.Children)
        {
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var frontend))
                await ReconcileAsync(frontend);
        }
    }

    /// <summary>
    /// xenbus_dev_changed, coalesced: a toolstack transaction or a driver's set-up fires a burst of events under one
    /// directory, and the reconcile reads the store as it is now, so one reconcile per directory answers the events
    /// queued before it (Linux reads once per event). Queued behind them: when it runs, every change they announce is
    /// in the store.
    /// </summary>
    private void OnChanged(XsWatchEvent e)
    {
        if (!e.Path.StartsWith(_root + "/", StringComparison.Ordinal))
            return;
        var rest = e.Path[(_root.Length + 1)..].Split('/');
        if (!int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var frontend))
            return;
        // Below a bound device's directory nothing can change (Linux: device_find finds it bound, so no probe, and
        // cleanup_dev removes only a device at or below the removed node): the device's own writes cost no read.
        if (_devices.ContainsKey(frontend) && e.Path.StartsWith(DeviceDirectory(frontend) + "/", StringComparison.Ordinal))
            return;
        if (_changed.Count == 0)
            Self.Tell(Reconcile.Instance);
        _changed.Add(frontend);
    }

    private async Task ReconcileChangedAsync()
    {
        while (_changed.Count > 0)
        {
            var frontend = _changed.Min;
            _changed.Remove(frontend);
            await ReconcileAsync(frontend);
        }
    }

    /// <summary>
    /// xenbus_dev_changed on the current contents, not on the change that fired: a device is probed
    /// when the directory reads Initialising and none is bound, and removed when the state is gone.
    /// </summary>
    private async Task ReconcileAsync(int frontend)
    {
        var child = _devices.GetValueOrDefault(frontend);
        var state = await _store.ReadAsync(DeviceDirectory(frontend) + "/state");
        if (child is null && state.IsOk && XenbusStateText.ParseOrUnknown(state.Value) == XenbusState.Initialising)
        {
            // xenbus_probe_node: the toolstack finished writing the directory (state is written with it).
            // Only a new device (Initialising) is probed: one that unregistered after switching to
            // Closed is going away and its directory is about to be removed.
            var name = FormattableString.Invariant($"pci-{frontend}-{++_probes}");
            child = Context.ActorOf(PcibackDevice.Props(_store.Store, _hypervisor, _inventory, _domid, frontend), name);
            _devices[frontend] = child;
            Context.Watch(child);
        }
        else if (child is not null && !state.IsOk)
        {
            _devices.Remove(frontend);
            Context.Stop(child);
        }
    }

    private string DeviceDirectory(int frontend) => FormattableString.Invariant($"{_root}/{frontend}/0");

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Reconcile
    {
        public static readonly Reconcile Instance = new();
    }
}
