using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Planning;
using XenActors.Xen.Pci.Spec;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

/// <summary>
/// xend's pciif controller for one guest: runs pci-attach and pci-detach one at a time through the
/// seed's steps — for a PV guest the xenbus handshake with pciback and pcifront (attach 1–6, detach
/// 1–7), for an HVM guest the device model's hot-plug with the backend entries kept for bookkeeping —
/// checking everything that can be refused before the first change, and answering only when the
/// drivers finished or a named step got stuck.
/// </summary>
internal sealed partial class PciController : ReceiveActor
{
    private readonly XenStoreClient _store;
    private readonly IActorRef _storeRef;
    private readonly HypervisorClient _hv;
    private readonly PciInventory _inventory;
    private readonly int _domid;
    private readonly int _backendDomid;
    private readonly TimeSpan _timeout;
    private readonly string _be;
    private readonly string _fe;
    private readonly IActorRef? _deviceModel;
    private string? _guestName;

    public PciController(IActorRef store, IActorRef hypervisor, PciInventory inventory, int domid, int backendDomid, TimeSpan timeout, IActorRef? deviceModel)
    {
        _deviceModel = deviceModel;
        _storeRef = store;
        _store = new XenStoreClient(store, 0, Self);
        _hv = new HypervisorClient(hypervisor);
        _inventory = inventory;
        _domid = domid;
        _backendDomid = backendDomid;
        _timeout = timeout;
        _be = XenbusPci.BackendPath(backendDomid, domid);
        _fe = XenbusPci.FrontendPath(domid);
        ReceiveAsync<XmPciAttach>(async a => Sender.Tell(_deviceModel is null ? await AttachAsync(a.Spec) : await AttachHvmAsync(a.Spec)));
        ReceiveAsync<XmPciDetach>(async d => Sender.Tell(_deviceModel is null ? await DetachAsync(d.Spec) : await DetachHvmAsync(d.Spec)));
        ReceiveAsync<XmPciList>(async _ => Sender.Tell(await ListAsync()));
        ReceiveAsync<XmPciDump>(async d => Sender.Tell(await DumpAsync(d.Physical)));
        ReceiveAsync<BootDevices>(async b => Sender.Tell(await BootAsync(b.Specs)));
        ReceiveAsync<RemoveBackend>(async _ => await DestroyPciDevAsync());
        ReceiveAsync<BackendGoneMessage>(async _ =>
        {
            if (_deviceModel is null)
                await TearDownAfterBackendDeathAsync();
            Sender.Tell(BackendGoneDone.Instance);
        });
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, PciInventory inventory, int domid, int backendDomid, TimeSpan timeout, IActorRef? deviceModel = null) =>
        Actor.Props.Create(() => new PciController(store, hypervisor, inventory, domid, backendDomid, timeout, deviceModel));

    private string Be(string key) => _be + "/" + key;

    private static string Hex(int v) => v.ToString("x", CultureInfo.InvariantCulture);

    private static string Dec(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The functions listed in the backend, by index (num_devs, then every dev-N and vdevfn-N pipelined).</summary>
    private async Task<List<(int Index, PciAddress Dev, int? VirtualDevfn)>> ListedAsync()
    {
        var list = new List<(int, PciAddress, int?)>();
        if (!int.TryParse(await _store.TryReadAsync(Be(XenbusPci.NumDevs)), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            return list;
        var values = await _store.TryReadAllAsync(Enumerable.Range(0, n).SelectMany(i => new[] { Be(XenbusPci.Dev(i)), Be(XenbusPci.VDevFn(i)) }));
        for (var i = 0; i < n; i++)
        {
            if (!PciAddress.TryParse(values[2 * i], out var dev))
                continue;
            var vdevfn = values[(2 * i) + 1];
            list.Add((i, dev, vdevfn is null ? 0 : int.Parse(vdevfn, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
        }
        return list;
    }

    private async Task<XmResult> ListAsync()
    {
        var lines = new List<string> { "Vdev Device" };
        foreach (var (_, dev, vdevfn) in await ListedAsync())
        {
            var v = vdevfn ?? 0;
            lines.Add(FormattableString.Invariant($"{v >> 3:x2}.{v & 7:x} {dev}"));
        }
        return XmResult.Ok(lines: lines);
    }

    private async Task<XenbusState> StateAsync(string dir) =>
        XenbusStateText.ParseOrUnknown(await _store.TryReadAsync(dir + "/" + XenbusPci.State));

    /// <summary>
    /// Waits for a store condition; null when it held, else what got stuck. The check runs when a <paramref name="watched"/>
    /// node changes, as xend's waitForBackend watches only the backend's <c>state</c>: watching the directories woke dom0
    /// for every dev-N, vdev-N and root-K the drivers wrote. The check is told whether a domain may have died since its
    /// last run (see <see cref="StoreWaiter"/>); only then need it ask the hypervisor.
    /// </summary>
    private Task<string?> WaitAsync(IReadOnlyList<string> watched, Func<XenStoreClient, bool, Task<(bool, bool, string)>> check)
    {
        var tcs = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Context.ActorOf(Actor.Props.Create(() => new StoreWaiter(_storeRef, watched, check, _timeout, tcs)));
        return tcs.Task;
    }

    /// <summary>
    /// Waits until both ends are Connected again and every listed state-N reads <paramref name="subState"/>. Only the
    /// end that moves last is watched, for its last move follows every other change the check needs. A pcidev just
    /// <paramref name="created"/> ends with pcifront's Connected (after pciback's); a reconfiguration ends with
    /// pciback's (after pcifront's). Each way of failing moves that end too (pciback's Closing makes pcifront close),
    /// or releases a domain; a step that hangs is named by the check at the time-out, which reads every node.
    /// </summary>
    private Task<string?> WaitReconfiguredAsync(IReadOnlyList<int> indices, XenbusState subState, bool created)
    {
        string[] nodes = [Be(XenbusPci.State), _fe + "/" + XenbusPci.State, .. indices.Select(i => Be(XenbusPci.DeviceState(i)))];
        return WaitAsync([created ? nodes[1] : nodes[0]], (s, liveness) => ReconfiguredAsync(s, liveness, nodes, subState));
    }

    private string Seconds => _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Names the end that holds up a reconfiguration, from both states.</summary>
    private async Task<(bool Done, bool Fatal, string Stuck)> ReconfiguredAsync(XenStoreClient s, bool liveness, IReadOnlyList<string> nodes, XenbusState subState)
    {
        // Both states and every state-N (nodes, in that order) in one pipelined round trip, sent alongside the liveness hypercalls.
        var states = s.TryReadAllAsync(nodes);
        if (liveness && await EndDiedAsync() is { } died)
            return (false, true, died);
        var read = await states;
        var be = XenbusStateText.ParseOrUnknown(read[0]);
        var fe = XenbusStateText.ParseOrUnknown(read[1]);
        var subsDone = read.Skip(2).All(v => XenbusStateText.ParseOrUnknown(v) == subState);
        if (be == XenbusState.Connected && fe == XenbusState.Connected && subsDone)
            return (true, false, "");
        var stuck = (be, fe) switch
        {
            (XenbusState.Reconfiguring, XenbusState.Connected) => FormattableString.Invariant($"pcifront of dom {_domid} did not leave Connected in {Seconds} s"),
            (XenbusState.Reconfiguring, _) => FormattableString.Invariant($"pciback of dom {_backendDomid} did not leave Reconfiguring in {Seconds} s"),
            (XenbusState.Reconfigured, XenbusState.Reconfiguring) => FormattableString.Invariant($"pcifront of dom {_domid} did not leave Reconfiguring in {Seconds} s"),
            (XenbusState.Reconfigured, _) => FormattableString.Invariant($"pciback of dom {_backendDomid} did not leave Reconfigured in {Seconds} s"),
            (XenbusState.Closing, _) => FormattableString.Invariant($"pciback of dom {_backendDomid} failed: see /local/domain/{_backendDomid}/error"),
            (XenbusState.Unknown, _) => FormattableString.Invariant($"the backend of dom {_domid} vanished"),
            (_, XenbusState.Connected) => FormattableString.Invariant($"pciback of dom {_backendDomid} did not connect in {Seconds} s (state {(int)be})"),
            _ => FormattableString.Invariant($"pcifront of dom {_domid} did not connect in {Seconds} s (state {(int)fe}, backend {(int)be})"),
        };
        // A failure is reported as a death when a domain died meanwhile, whatever event ran this check.
        if (be == XenbusState.Closing && !liveness && await EndDiedAsync() is { } gone)
            return (false, true, gone);
        return (false, be == XenbusState.Closing, stuck);
    }

    private sealed class RemoveBackend
    {
        public static readonly RemoveBackend Instance = new();
    }

    private sealed class BackendGoneMessage
    {
        public static readonly BackendGoneMessage Instance = new();
    }

    /// <summary>The answer to <see cref="BackendGone"/>: the guest's devices are back in the pool and its pcidev is gone.</summary>
    public sealed class BackendGoneDone
    {
        public static readonly BackendGoneDone Instance = new();
    }

    /// <summary>Tells the controller its driver domain died (after whatever it is doing fails).</summary>
    public static object BackendGone => BackendGoneMessage.Instance;

    /// <summary>Asks the controller to tear the guest's virtual PCI platform down (domain destroyed).</summary>
    public static object TearDown => RemoveBackend.Instance;

    private static bool TryParse(string text, out PciSpec? spec, out string? error)
    {
        if (PciSpec.TryParse(text, out spec, out var e))
        {
            error = null;
            return true;
        }
        error = $"malformed PCI_SPEC_STRING \"{text}\"" + (e is null ? "" : $": {e.Message}");
        return false;
    }

    private MultiFunctionPlan? Plan(PciSpec spec, out string? error)
    {
        try
        {
            error = null;
            return MultiFunctionPlan.Create(spec, _inventory);
        }
        catch (PciPlanException e)
        {
            error = e.Message;
            return null;
        }
    }
}
