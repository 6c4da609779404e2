using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;
using XenActors.Xen.PciOp;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Pciback;

/// <summary>
/// xen-pciback's device for one guest (backend/pci/&lt;domid&gt;/0): probe to InitWait, export the
/// listed functions and publish the root bus (→ Initialised), attach to pcifront's page and event
/// channel once both ends are Initialised (→ Connected), reconfigure on Reconfiguring
/// (state-N 1 → export, 5 → release; → Reconfigured → Connected), and serve config accesses
/// arriving on the pci-op page through each function's <see cref="VirtualConfigSpace"/>.
/// </summary>
public sealed partial class PcibackDevice : XenbusDriverActor
{
    private readonly HypervisorClient _hv;
    private readonly PciInventory _inventory;
    private readonly int _backendDomid;
    private readonly int _frontendDomid;
    private readonly VirtualPciBus _bus = new();
    private int? _mapHandle;
    private int? _port;
    private bool _rootsPublished;

    public PcibackDevice(IActorRef store, IActorRef hypervisor, PciInventory inventory, int backendDomid, int frontendDomid)
        : base(new XenStoreClient(store, (uint)backendDomid, Context.Self),
              XenbusPci.BackendPath(backendDomid, frontendDomid), XenbusPci.FrontendPath(frontendDomid))
    {
        _hv = new HypervisorClient(hypervisor);
        _inventory = inventory;
        _backendDomid = backendDomid;
        _frontendDomid = frontendDomid;
        ReceiveDriverAsync<Probe>(_ => ProbeAsync());
        // The upcall brings the mapped page (bound with SnapshotMapping). It comes without one only when the mapping is
        // gone, and then a read through it would fail too: nothing to serve.
        Receive<HvUpcall>(u =>
        {
            if (!_hv.Accept(u))
                Log.Warning($"dropped an upcall on port {u.Port} that would write frame {u.WriteBackGfn} of domain {u.Domid}: pciback owns no page there");
            else if (u.Page is { } page)
                OnPciOp(u.Port, page);
        });
        Receive<HvShortcut>(offer =>
        {
            if (!_hv.Take(offer))
                Log.Warning($"refused a malformed event-channel shortcut, sending through the hypervisor: {offer}");
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, PciInventory inventory, int backendDomid, int frontendDomid) =>
        Actor.Props.Create(() => new PcibackDevice(store, hypervisor, inventory, backendDomid, frontendDomid));

    protected override void PreStart() => Self.Tell(Probe.Instance);

    protected override void OnUnbound()
    {
        // The device went away under us (driver domain stopping, backend removed): let the channel go.
        if (_port is { } port)
            _hv.Tell(new HvClose(_backendDomid, port));
        if (_mapHandle is { } handle)
            _hv.Tell(new HvUnmapGrant(_backendDomid, handle));
    }

    /// <summary>
    /// xen_pcibk_xenbus_probe: InitWait, then set up at once (be_watch sees InitWait) and attach if pcifront is
    /// already Initialised. xenbus watches the other end before the driver's probe runs; the listing is read
    /// alongside the switch to InitWait (a read changes nothing, and every write of the set-up still follows it).
    /// </summary>
    private async Task ProbeAsync()
    {
        Device.AssumeState(XenbusState.Initialising);
        var watching = RegisterWatchesAsync();
        var listing = ListedFunctionsAsync();
        await Device.SwitchStateAsync(XenbusState.InitWait);
        await watching;
        if (!await ApplyListedAsync(await listing, XenbusState.Initialised))
            return;
        await AttachAsync();
    }

    /// <summary>Once Initialised and not yet attached, what xen_pcibk_attach gathers from pcifront.</summary>
    protected override IReadOnlyList<string> GatherFromOtherEnd =>
        Device.State == XenbusState.Initialised && _port is null ? Published : [];

    private static readonly string[] Published = [XenbusPci.Magic, XenbusPci.PciOpRef, XenbusPci.EventChannel];

    protected override async Task OtherEndChangedAsync(XenbusState otherState, IReadOnlyDictionary<string, string?> gathered)
    {
        switch (otherState)
        {
            case XenbusState.Initialised:
                await AttachAsync(gathered);
                break;
            case XenbusState.Reconfiguring:
                await ReconfigureAsync();
                break;
            case XenbusState.Connected:
                // pcifront went Reconfiguring → Connected after rescanning (or connected first time).
                if (Device.State is XenbusState.Reconfigured)
                    await Device.SwitchStateAsync(XenbusState.Connected);
                break;
            case XenbusState.Closing:
                await DisconnectAsync();
                await Device.SwitchStateAsync(XenbusState.Closing);
                break;
            case XenbusState.Closed:
                // The toolstack's teardown (online = 0, backend Closing) made pcifront close: let the
                // page and the channel go, say Closed, and leave the bus unless a reconnect is expected.
                if (Device.State == XenbusState.Closed)
                    break;
                await DisconnectAsync();
                await Device.SwitchStateAsync(XenbusState.Closed);
                if (!await OnlineAsync())
                    Unregister();
                break;
            case XenbusState.Unknown:
                if (!await OnlineAsync())
                    Unregister();
                break;
        }
    }

    /// <summary>
    /// xen_pcibk_attach: only when both ends are Initialised (it reads the other end's state again); the magic must be
    /// XEN_PCI_MAGIC. <paramref name="gathered"/>: pcifront's entries, read with its state Initialised (the otherend
    /// handler); without them, the state and the entries are read here.
    /// </summary>
    private async Task AttachAsync(IReadOnlyDictionary<string, string?>? gathered = null)
    {
        if (Device.State != XenbusState.Initialised || _port is not null)
            return;
        if (gathered is not { Count: > 0 })
        {
            // The state, magic, pci-op-ref and event-channel pipelined: pcifront published them together.
            var fe = Device.OtherEnd;
            var read = await Store.TryReadAllAsync([Device.OtherEndStatePath, .. Published.Select(node => fe + "/" + node)]);
            if (XenbusStateText.ParseOrUnknown(read[0]) != XenbusState.Initialised)
                return;
            gathered = Published.Select((node, k) => (node, read[k + 1])).ToDictionary(p => p.node, p => p.Item2, StringComparer.Ordinal);
        }
        var magic = gathered[XenbusPci.Magic];
        if (magic != PciIf.Magic)
        {
            await FatalAsync(Errno.EFAULT, $"version mismatch ({magic}/{PciIf.Magic}) with pcifront - halting xen-pciback");
            return;
        }
        if (!uint.TryParse(gathered[XenbusPci.PciOpRef], NumberStyles.None, CultureInfo.InvariantCulture, out var gref)
            || !int.TryParse(gathered[XenbusPci.EventChannel], NumberStyles.None, CultureInfo.InvariantCulture, out var remotePort))
        {
            await FatalAsync(Errno.EINVAL, "reading pci-op-ref and event-channel from pcifront");
            return;
        }
        // xen_pcibk_do_attach maps, then binds; neither needs the other's result, so both go in one round trip, and the
        // transaction of the switch to Connected begins in it too. Whichever succeeded is held, and released with the
        // device (DisconnectAsync, OnUnbound), when the other failed.
        var mapping = _hv.CallAsync<int>(new HvMapGrant(_backendDomid, _frontendDomid, gref, false));
        var binding = _hv.CallAsync<int>(new HvBindInterdomain(_backendDomid, _frontendDomid, remotePort));
        var begun = Store.BeginTransaction();
        var (map, bind) = (await mapping, await binding);
        if (!map.IsSuccess || !bind.IsSuccess)
            await Store.AbandonAsync(begun);
        if (map.TryGetValue(out var handle))
            _mapHandle = handle;
        if (bind.TryGetValue(out var port))
            _port = port;
        if (!map.IsSuccess)
        {
            await FatalAsync(map.Errno, $"Error mapping other domain page in ours: {map.Error.Message}");
            return;
        }
        if (!bind.IsSuccess)
        {
            await FatalAsync(bind.Errno, $"Error binding event channel to IRQ: {bind.Error.Message}");
            return;
        }
        // The mapped page is shared memory: each upcall brings its contents, so serving an op costs no read hypercall.
        // Across processes, ops and answers may go straight between pcifront and us once both ends are bound (HvShortcut).
        // Told: the port is ours and bound, and the hypervisor handles our requests in order, so the handler is in place
        // before pcifront, which sends its first op only after the Connected written next, can notify.
        _hv.Tell(new HvBindUpcalls(_backendDomid, port, Self, SnapshotMapping: handle, SnapshotLength: PciOpRequest.Length, Shortcuts: !_hv.IsLocal));
        await Device.SwitchStateAsync(XenbusState.Connected, begun);
    }

    private async Task DisconnectAsync()
    {
        if (_port is { } port)
            await _hv.CallAsync(new HvClose(_backendDomid, port));
        if (_mapHandle is { } handle)
            await _hv.CallAsync(new HvUnmapGrant(_backendDomid, handle));
        _port = null;
        _mapHandle = null;
    }

    /// <summary>xenbus_dev_is_online: <c>online</c> missing or not 1 means offline.</summary>
    private async Task<bool> OnlineAsync() =>
        int.TryParse(await Store.TryReadAsync(Path(XenbusPci.Online)), NumberStyles.None, CultureInfo.InvariantCulture, out var online) && online != 0;

    private async Task<int> NumDevsAsync() =>
        int.TryParse(await Store.TryReadAsync(Path(XenbusPci.NumDevs)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private string Path(string key) => Device.NodeName + "/" + key;

    /// <summary>Parses vdev-N (<c>%04x:%02x:%02x.%02x</c>) to a devfn.</summary>
    internal static int? ParseVdev(string vdev)
    {
        var parts = vdev.Split(':', '.');
        return parts.Length == 4
            && int.TryParse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var slot)
            && int.TryParse(parts[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fn)
            ? (slot << 3) | fn
            : null;
    }

    private sealed class Probe
    {
        public static readonly Probe Instance = new();
    }
}
