using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Pcifront;

/// <summary>
/// The guest kernel's side of a PV domain that matters here: its xenbus frontend bus probes
/// pcifront when the toolstack creates <c>device/pci/0</c> and removes it when the directory goes.
/// Runs as the domain's own actor (its own node in cluster mode); talks only to the store and the hypervisor.
/// </summary>
public sealed class PvGuestKernel : ReceiveActor
{
    private const string Token = "device-pci";
    private readonly XenStoreClient _store;
    private readonly IActorRef _hypervisor;
    private readonly int _domid;
    private readonly string _magic;
    private readonly string _frontend;
    private IActorRef? _pcifront;
    private readonly List<(IActorRef Asker, GuestLspci Query)> _lspciWaiting = [];
    private bool _reconcileQueued;
    private int _probes;

    public PvGuestKernel(IActorRef store, IActorRef hypervisor, int domid, string magic)
    {
        _store = new XenStoreClient(store, (uint)domid, Self);
        _hypervisor = hypervisor;
        _domid = domid;
        _magic = magic;
        _frontend = XenbusPci.FrontendPath(domid);
        ReceiveAsync<Start>(_ => _store.WatchAsync(_frontend, Token));
        Receive<XsWatchEvent>(e =>
        {
            // Below bound pcifront's directory nothing can change (Linux: device_find finds it bound, so no probe, and
            // cleanup_dev removes only a device at or below the removed node): its own writes cost no read.
            if (_pcifront is not null && e.Path.StartsWith(_frontend + "/", StringComparison.Ordinal))
                return;
            // Coalesced: the reconcile reads device/pci/0 as it is now, so one answers every event queued before it
            // (a connect fires one per node pcifront and the toolstack write).
            if (!_reconcileQueued)
                Self.Tell(Reconcile.Instance);
            _reconcileQueued = true;
        });
        ReceiveAsync<Reconcile>(async _ =>
        {
            _reconcileQueued = false;
            await ReconcileAsync();
            foreach (var (asker, query) in _lspciWaiting)
                Lspci(asker, query);
            _lspciWaiting.Clear();
        });
        Receive<GuestLspci>(q =>
        {
            // A change seen but not yet acted on (the device may be gone) is acted on before the bus is listed.
            if (_reconcileQueued)
                _lspciWaiting.Add((Sender, q));
            else
                Lspci(Sender, q);
        });
        ReceiveAsync<Terminated>(async t =>
        {
            if (!t.ActorRef.Equals(_pcifront))
                return;
            // pcifront unbound itself (device/pci/0 went, or was re-created while the removal event was
            // still queued here): probe again if the directory is there now.
            _pcifront = null;
            await ReconcileAsync();
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, int domid, string magic = PciIf.Magic) =>
        Actor.Props.Create(() => new PvGuestKernel(store, hypervisor, domid, magic));

    protected override void PreStart() => Self.Tell(Start.Instance);

    private void Lspci(IActorRef asker, GuestLspci query)
    {
        if (_pcifront is null)
            asker.Tell(new GuestPciBus([]), Self);
        else
            _pcifront.Tell(query, asker);
    }

    /// <summary>The frontend bus acts on device/pci/0 as it is now: probe when present and unbound, remove when gone.</summary>
    private async Task ReconcileAsync()
    {
        var reads = await _store.PipelineAsync(_store.Read(_frontend + "/backend-id"), _store.Read(_frontend + "/" + XenbusPci.State));
        var backendId = reads[0].IsOk ? reads[0].Value : null;
        var state = reads[1];
        // xenbus_probe_node probes only a new (Initialising) device, never one left Closed by a teardown.
        if (_pcifront is null && state.IsOk && XenbusStateText.ParseOrUnknown(state.Value) == XenbusState.Initialising && int.TryParse(backendId, NumberStyles.None, CultureInfo.InvariantCulture, out var backend))
        {
            _pcifront = Context.ActorOf(PcifrontDevice.Props(_store.Store, _hypervisor, _domid, backend, _magic), FormattableString.Invariant($"pcifront-{++_probes}"));
            Context.Watch(_pcifront);
        }
        else if (_pcifront is not null && !state.IsOk)
        {
            Context.Stop(_pcifront);
            _pcifront = null;
        }
    }

    private sealed class Start
    {
        public static readonly Start Instance = new();
    }

    private sealed class Reconcile
    {
        public static readonly Reconcile Instance = new();
    }
}
