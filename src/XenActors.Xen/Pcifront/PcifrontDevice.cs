using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.PciOp;
using XenActors.Xen.Pciback;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Pcifront;

/// <summary>
/// xen-pcifront in a PV guest: shares a page and an event channel with pciback and publishes them
/// (pci-op-ref, event-channel, magic; → Initialised), scans the published roots when pciback is
/// Connected (→ Connected), removes devices whose state-N is Closing when pciback Reconfigures
/// (→ Reconfiguring), rescans and enables new ones when it is Reconfigured (→ Connected).
/// Config accesses to the devices go over the pci-op page, so pciback's filter decides what they see.
/// </summary>
public sealed class PcifrontDevice : XenbusDriverActor
{
    /// <summary>The guest frame pcifront shares (any frame of its memory would do).</summary>
    private const long SharedFrame = 1;
    private const ushort CommandMemoryAndMaster = 0x6;
    private const byte MultiFunction = 0x80;

    private readonly HypervisorClient _hv;
    private readonly int _domid;
    private readonly int _backendDomid;
    private readonly string _magic;
    private readonly PciOpDoorbell _doorbell;
    private readonly SortedDictionary<PciAddress, GuestPciDevice> _bus = [];
    private readonly HashSet<(int Domain, int Bus)> _rootBuses = [];
    private int _port;
    private uint? _gref;

    public PcifrontDevice(IActorRef store, IActorRef hypervisor, int domid, int backendDomid, string magic, TimeSpan opTimeout)
        : base(new XenStoreClient(store, (uint)domid, Context.Self),
              XenbusPci.FrontendPath(domid), XenbusPci.BackendPath(backendDomid, domid))
    {
        _hv = new HypervisorClient(hypervisor);
        _domid = domid;
        _backendDomid = backendDomid;
        _magic = magic;
        _doorbell = new PciOpDoorbell(Context.System.Scheduler.TimeProvider, opTimeout);
        ReceiveDriverAsync<Probe>(_ => ProbeAsync());
        Receive<GuestLspci>(_ => Sender.Tell(new GuestPciBus([.. _bus.Values])));
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, int domid, int backendDomid, string magic = PciIf.Magic, TimeSpan? opTimeout = null) =>
        Actor.Props.Create(() => new PcifrontDevice(store, hypervisor, domid, backendDomid, magic, opTimeout ?? TimeSpan.FromSeconds(2)));

    protected override void PreStart() => Self.Tell(Probe.Instance);

    /// <summary>
    /// pcifront_xenbus_probe + pcifront_publish_info. xenbus watches the other end before the driver's probe runs; the
    /// watch's first event is handled once the probe is done.
    /// </summary>
    private async Task ProbeAsync()
    {
        Device.AssumeState(XenbusState.Initialising);
        var watching = RegisterWatchesAsync();
        // A real guest grants its page and fills it without trapping (its grant table is shared with Xen); only
        // alloc_unbound is a hypercall. So the three go in one round trip, the write told: a failed write would come
        // with a failed grant of the same frame just before it, and the hypervisor handles our requests in order.
        var granting = _hv.CallAsync<uint>(new HvGrantAccess(_domid, _backendDomid, SharedFrame, false));
        _hv.Tell(new HvWriteGuest(_domid, SharedFrame, 0, new PciOpRequest().ToPage(PciIf.AerHandler)));
        var allocating = _hv.CallAsync<int>(new HvAllocUnbound(_domid, DomainIds.Self, _backendDomid));
        var gref = (await granting).ThrowIfFailed();
        _gref = gref;
        _port = (await allocating).ThrowIfFailed();
        // A local hypervisor delivers the upcall on the notifying vCPU's thread, so the doorbell can ring right there;
        // one in another process needs an actor here to receive it.
        var (doorbell, hv, local) = (_doorbell, _hv, _hv.IsLocal);
        var latch = local
            ? Context.AddFunctionRef((m, _) => { if (m is HvUpcall u) doorbell.Ring(u.Page); })
            : Context.ActorOf(Actor.Props.Create(() => new EventChannelLatch(doorbell, hv)), "evtchn");
        // The pci-op page is our own memory: the upcall brings it along, so reading pciback's answer costs no hypercall.
        // Across processes, ops and answers may go straight between us and pciback once both ends are bound (HvShortcut).
        // Told, as pciback's: the port is ours, and the bind is handled before anything the store writes below lead to.
        _hv.Tell(new HvBindUpcalls(_domid, _port, latch, SnapshotGfn: SharedFrame, SnapshotLength: PciOpRequest.Length, Shortcuts: !local));
        var publishing = Store.WriteTransactionAsync(
        [
            new(Device.NodeName + "/" + XenbusPci.PciOpRef, gref.ToString(CultureInfo.InvariantCulture)),
            new(Device.NodeName + "/" + XenbusPci.EventChannel, _port.ToString(CultureInfo.InvariantCulture)),
            new(Device.NodeName + "/" + XenbusPci.Magic, _magic),
        ]);
        // The switch to Initialised begins beside the publish's transaction, in its first round trip: the two touch
        // different nodes, so neither makes the other retry, and the switch still commits only after the publish did.
        var switching = Store.BeginTransaction();
        await watching;
        var published = await publishing;
        if (!published.IsOk)
        {
            await Store.AbandonAsync(switching);
            await FatalAsync(Errno.EIO, $"Error writing configuration for backend ({published.ErrorName})");
            return;
        }
        await Device.SwitchStateAsync(XenbusState.Initialised, switching);
    }

    /// <summary>What pcifront_try_connect and pcifront_attach_devices read first: root_num and root-0.</summary>
    protected override IReadOnlyList<string> GatherFromOtherEnd =>
        Device.State is XenbusState.Initialised or XenbusState.Reconfiguring ? FirstRoot : [];

    private static readonly string[] FirstRoot = [XenbusPci.RootNum, XenbusPci.Root(0)];

    protected override async Task OtherEndChangedAsync(XenbusState otherState, IReadOnlyDictionary<string, string?> gathered)
    {
        switch (otherState)
        {
            case XenbusState.Connected when Device.State == XenbusState.Initialised:
                await Device.SwitchStateAfterAsync(XenbusState.Connected, async () =>
                {
                    await ScanRootsAsync(gathered);
                    _hv.WriteBack();
                });
                break;
            case XenbusState.Reconfiguring when Device.State == XenbusState.Connected:
                await DetachDevicesAsync();
                await Device.SwitchStateAsync(XenbusState.Reconfiguring);
                break;
            case XenbusState.Reconfigured when Device.State == XenbusState.Reconfiguring:
                await Device.SwitchStateAfterAsync(XenbusState.Connected, async () =>
                {
                    await RescanRootsAsync(gathered);
                    _hv.WriteBack();
                });
                break;
            case XenbusState.Closed when Device.State == XenbusState.Closed:
                break;
            case XenbusState.Closing:
            case XenbusState.Closed:
                // Closed without Closing first: pcifront missed it, same handling.
                await TryDisconnectAsync();
                break;
        }
    }

    /// <summary>
    /// pcifront_try_disconnect: nothing if already Closing or Closed; a Connected front frees its buses;
    /// then straight to Closed (never through Closing). The page and the channel stay until the device is removed.
    /// </summary>
    private async Task TryDisconnectAsync()
    {
        Log.Warning($"{Device.NodeName}: backend going away!");
        var own = await Device.ReadOwnStateAsync();
        if (own >= XenbusState.Closing && own <= XenbusState.Closed)
            return;
        if (own == XenbusState.Connected)
        {
            _bus.Clear();
            _rootBuses.Clear();
        }
        await Device.SwitchStateAsync(XenbusState.Closed);
    }

    /// <summary>free_pdev: the device goes (its directory was removed): close the channel, end the page's grant.</summary>
    protected override void OnUnbound()
    {
        _doorbell.Dispose();
        if (_port != 0)
            _hv.Tell(new HvClose(_domid, _port));
        if (_gref is { } gref)
            _hv.Tell(new HvEndAccess(_domid, gref));
    }

    /// <summary>
    /// The root buses pciback published (root_num, root-K as <c>%x:%x</c>); none published means 0000:00.
    /// A malformed entry is skipped with an error in the log.
    /// </summary>
    private async Task<List<(int Domain, int Bus)>> RootsAsync(IReadOnlyDictionary<string, string?> gathered)
    {
        var be = Device.OtherEnd;
        var roots = new List<(int, int)>();
        // root_num and root-0 in one round trip (pciback publishes root-0 before root_num), further roots after; the
        // otherend handler usually gathered the first two already.
        string?[] first = gathered.Count > 0
            ? [gathered[XenbusPci.RootNum], gathered[XenbusPci.Root(0)]]
            : await Store.TryReadAllAsync(FirstRoot.Select(node => be + "/" + node));
        var numText = first[0];
        if (numText is null)
        {
            Log.Info("No PCI Roots found, trying 0000:00");
            roots.Add((0, 0));
            return roots;
        }
        if (!int.TryParse(numText, NumberStyles.None, CultureInfo.InvariantCulture, out var num))
        {
            Log.Error($"{Device.NodeName}: Error reading number of PCI roots ({numText})");
            return roots;
        }
        var more = num > 1 ? await Store.TryReadAllAsync(Enumerable.Range(1, num - 1).Select(k => be + "/" + XenbusPci.Root(k))) : [];
        string?[] texts = [first[1], .. more];
        for (var k = 0; k < num; k++)
        {
            var text = texts[k];
            var parts = text?.Split(':');
            if (parts is not { Length: 2 }
                || !int.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var domain)
                || !int.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bus)
                || bus > 0xff)
            {
                Log.Error($"{Device.NodeName}: Error reading PCI root {k} ({text})");
                continue;
            }
            roots.Add((domain, bus));
        }
        return roots;
    }

    /// <summary>pcifront_try_connect: scan every published root bus (pcifront_scan_root).</summary>
    private async Task ScanRootsAsync(IReadOnlyDictionary<string, string?> gathered)
    {
        foreach (var (domain, bus) in await RootsAsync(gathered))
            await ScanRootAsync(domain, bus);
    }

    /// <summary>
    /// pcifront_scan_root → pci_scan_child_bus: slot by slot; function 0 must answer, and functions
    /// 1–7 are probed only when its header type says multi-function.
    /// </summary>
    private async Task ScanRootAsync(int domain, int bus)
    {
        _rootBuses.Add((domain, bus));
        for (var slot = 0; slot < 32; slot++)
        {
            if (await ScanSingleDeviceAsync(domain, bus, slot << 3) is not { } device || (device.HeaderType & MultiFunction) == 0)
                continue;
            for (var fn = 1; fn < 8; fn++)
                await ScanSingleDeviceAsync(domain, bus, (slot << 3) | fn);
        }
    }

    /// <summary>
    /// pcifront_attach_devices → pcifront_rescan_root for each published root: a bus not seen before is
    /// scanned as a new root; on a known one every devfn not already present is probed (pcifront_scan_bus),
    /// so new functions are found by config reads over pci-op, not from the toolstack's entries.
    /// </summary>
    private async Task RescanRootsAsync(IReadOnlyDictionary<string, string?> gathered)
    {
        foreach (var (domain, bus) in await RootsAsync(gathered))
        {
            if (!_rootBuses.Contains((domain, bus)))
            {
                await ScanRootAsync(domain, bus);
                continue;
            }
            for (var devfn = 0; devfn < 0x100; devfn++)
            {
                if (!_bus.ContainsKey(new PciAddress(domain, bus, devfn >> 3, devfn & 7))
                    && await ScanSingleDeviceAsync(domain, bus, devfn) is { } found)
                    Log.Info($"{Device.NodeName}: New device on {found.Address} found.");
            }
        }
    }

    /// <summary>
    /// pci_scan_single_device: the vendor/device dword decides presence (all ones, all zeros or a half of
    /// either means none; pciback answers -1 for an empty devfn); then header type and class, and the
    /// driver enables memory decoding and bus mastering. Null when no function answers there.
    /// </summary>
    private async Task<GuestPciDevice?> ScanSingleDeviceAsync(int domain, int bus, int devfn)
    {
        var address = new PciAddress(domain, bus, devfn >> 3, devfn & 7);
        if (_bus.TryGetValue(address, out var known))
            return known;
        if (await ConfigReadAsync(domain, bus, devfn, 0, 4) is not { } id || id is uint.MaxValue or 0 or 0x0000ffff or 0xffff0000)
            return null;
        var header = await ConfigReadAsync(domain, bus, devfn, 0x0e, 1) ?? 0;
        var classRev = await ConfigReadAsync(domain, bus, devfn, 8, 4) ?? 0;
        var command = await ConfigReadAsync(domain, bus, devfn, 4, 2) ?? 0;
        var enabled = await ConfigWriteAsync(domain, bus, devfn, 4, 2, command | CommandMemoryAndMaster);
        var device = new GuestPciDevice(address, (ushort)id, (ushort)(id >> 16), (int)(classRev >> 8), enabled) { HeaderType = (byte)header };
        _bus[address] = device;
        return device;
    }

    /// <summary>pcifront_detach_devices: remove what the toolstack marked Closing, located by vdev-N.</summary>
    private async Task DetachDevicesAsync()
    {
        foreach (var devfn in await SlotsInStateAsync(XenbusState.Closing))
            _bus.Remove(new PciAddress(0, 0, devfn >> 3, devfn & 7));
    }

    private async Task<List<int>> SlotsInStateAsync(XenbusState wanted)
    {
        var be = Device.OtherEnd;
        var slots = new List<int>();
        if (!int.TryParse(await Store.TryReadAsync(be + "/" + XenbusPci.NumDevs), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return slots;
        // Every state-N and vdev-N in one pipelined round trip (a vdev-N of another state is read and unused).
        var read = await Store.TryReadAllAsync(Enumerable.Range(0, count).SelectMany(i => new[] { be + "/" + XenbusPci.DeviceState(i), be + "/" + XenbusPci.VDev(i) }));
        for (var i = 0; i < count; i++)
        {
            if (XenbusStateText.ParseOrUnknown(read[2 * i]) != wanted)
                continue;
            if (read[(2 * i) + 1] is { } vdev && PcibackDevice.ParseVdev(vdev) is { } devfn)
                slots.Add(devfn);
        }
        return slots;
    }

    private async Task<uint?> ConfigReadAsync(int domain, int bus, int devfn, int offset, int size)
    {
        var reply = await DoPciOpAsync(new PciOpRequest(PciOpCommand.ConfRead, 0, (uint)domain, (uint)bus, (uint)devfn, offset, size, 0));
        return reply is { Err: 0 } r ? r.Value : null;
    }

    private async Task<bool> ConfigWriteAsync(int domain, int bus, int devfn, int offset, int size, uint value) =>
        await DoPciOpAsync(new PciOpRequest(PciOpCommand.ConfWrite, 0, (uint)domain, (uint)bus, (uint)devfn, offset, size, value)) is { Err: 0 };

    /// <summary>
    /// do_pci_op: page, flag, notify, wait; after the time-out "pciback not responding!!!" and -1. The op and the
    /// notification are told, not asked: do_pci_op checks neither, and the hypervisor handles them in order, so
    /// pciback's upcall comes after the page holds the op. pciback's answer arrives with its upcall (shared memory).
    /// </summary>
    private async Task<PciOpRequest?> DoPciOpAsync(PciOpRequest op)
    {
        var rung = _doorbell.Arm();
        _hv.Multicall(new HvWriteGuest(_domid, SharedFrame, 0, op.ToPage(PciIf.FrontendActive | PciIf.AerHandler)), new HvSend(_domid, _port));
        var (answered, snapshot) = await rung;
        _doorbell.Disarm();
        if (!answered)
        {
            Log.Error("pciback not responding!!!");
            await _hv.CallAsync(new HvWriteGuest(_domid, SharedFrame, 0, op.ToPage(PciIf.AerHandler)));
            return null;
        }
        // The upcall brings the page, our own memory bound as its snapshot; it comes without one only when that
        // memory can no longer be read (the domain is going), and a read of ours would fail the same way.
        if (snapshot is null)
        {
            Log.Error("pci-op page unreadable after pciback's answer");
            return null;
        }
        return PciOpRequest.Read(snapshot);
    }

    private sealed class Probe
    {
        public static readonly Probe Instance = new();
    }
}
