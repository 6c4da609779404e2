using System.Globalization;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Planning;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

internal sealed partial class PciController
{

    /// <summary>
    /// Every refusal is decided here, before anything changes. The hypercalls are only reads, so all go out before
    /// the first answer is awaited; the answers are judged in the order the checks are listed.
    /// </summary>
    private async Task<string?> RefuseAttachAsync(MultiFunctionPlan plan)
    {
        var guest = _hv.CallAsync<DomainSummary>(new HvGetDomain(_domid));
        var backend = _deviceModel is null ? BackendAliveAsync() : Task.FromResult(true);
        var devices = plan.Assignments.Select(a => _hv.CallAsync<PciFunctionInfo>(new HvGetDevice(a.Physical))).ToList();
        if (!(await guest).TryGetValue(out var domain))
            return FormattableString.Invariant($"{_domid} is an invalid domain identifier");
        _guestName = domain.Name;
        if (!await backend)
            return FormattableString.Invariant($"driver domain {_backendDomid} is not running");
        for (var k = 0; k < devices.Count; k++)
        {
            var a = plan.Assignments[k];
            var info = await devices[k];
            if (!info.TryGetValue(out var f))
                return $"PCI device {a.Physical} not found";
            if (f.Owner == _domid)
                return $"PCI device {a.Physical} is already attached to domain {_domid}";
            if (f.Owner == DomainIds.Dom0)
                return FormattableString.Invariant($"PCI device {a.Physical.Domain:x}:{a.Physical.Bus:x}:{a.Physical.Device:x}.{a.Physical.Function:x} is not assignable");
            if (f.Owner != DomainIds.Io)
                return FormattableString.Invariant($"PCI device {a.Physical.Domain:x4}:{a.Physical.Bus:x2}:{a.Physical.Device:x2}.{a.Physical.Function} already assigned to a different guest?");
        }
        return null;
    }

    private async Task<XmResult> AttachAsync(string text)
    {
        // 1) xm pci-attach: parse and plan (lowest function → virtual function 0, function 0 present).
        if (!TryParse(text, out var spec, out var error))
            return XmResult.Error(error!);
        var plan = Plan(spec!, out error);
        if (plan is null)
            return XmResult.Error(error!);
        // The store reads go out with the hypercalls, and the transaction that writes the entries begins with them: all
        // are reads, or invisible until a commit, so a refusal only leaves them unused (the transaction abandoned).
        var listing = ListedAsync();
        var backendState = StateAsync(_be);
        var begun = _store.BeginTransaction();
        var (refusal, slot, first, backendExists) = await CheckAttachAsync(plan, listing, backendState);
        if (refusal is not null)
        {
            await _store.AbandonAsync(begun);
            return XmResult.Error(refusal);
        }

        // The IOMMU moves the functions from the pool to the guest while the entries are written in the transaction, which
        // commits only if every one moved: a failed assignment leaves the store as it was, the others go back to the pool.
        var order = plan.AttachOrder;
        var assigning = order.Select(a => _hv.CallAsync(new HvAssignDevice(a.Physical, _domid))).ToArray();
        var entries = DeviceEntries(plan, first, slot);
        entries.Add(new(Be(XenbusPci.NumDevs), Dec(first + order.Count)));
        var indices = Enumerable.Range(first, order.Count).ToList();
        var writeFailure = (string?)null;
        // 2) No pcidev yet: create it (backend and frontend in one transaction, no Reconfiguring).
        // 2a/2b) Otherwise dev-N and state-N = Initialising, in a transaction of their own.
        var written = await _store.TransactionAsync(async tx =>
        {
            var requests = backendExists ? [.. entries.Select(kv => _store.Write(kv.Key, kv.Value, tx))] : PciDevRequests(entries, tx);
            var results = await _store.PipelineAsync(requests);
            var assigned = await Task.WhenAll(assigning);
            writeFailure = backendExists && Array.FindIndex(results, r => !r.IsOk) is var bad and >= 0
                ? $"writing {entries[bad].Key}: {results[bad].ErrorName}"
                : null;
            return writeFailure is null && assigned.All(r => r.IsSuccess);
        }, begun);
        var outcomes = await Task.WhenAll(assigning);
        var failed = Array.FindIndex(outcomes, r => !r.IsSuccess);
        if (failed >= 0 || writeFailure is not null || !written.IsOk)
        {
            await ReturnToPoolAsync(order.Where((_, k) => outcomes[k].IsSuccess));
            return XmResult.Error(failed >= 0
                ? $"assigning {order[failed].Physical}: {outcomes[failed].Error.Message}"
                : $"{_be}: {writeFailure ?? "committing the entries: " + written.ErrorName}; nothing was attached");
        }
        if (backendExists)
        {
            // 2c) I/O resources; 2d) backend → Reconfiguring.
            await EnableIoResourcesAsync(order, true);
            await _store.WriteTransactionAsync([new(Be(XenbusPci.State), XenbusStateText.Format(XenbusState.Reconfiguring))]);
        }

        // 3)–6) pcifront Reconfiguring, pciback exports (state-N = 3) and Reconfigured, pcifront Connected, pciback Connected.
        var stuck = await WaitReconfiguredAsync(indices, XenbusState.Initialised, created: !backendExists);
        if (stuck is null)
            return XmResult.Ok(FormattableString.Invariant($"{plan.PhysicalSlot} attached to domain {_domid} at virtual slot {slot:x2}"));

        if (!await BackendAliveAsync())
        {
            await TearDownAfterBackendDeathAsync();
            return XmResult.Error(BackendDiedMessage + "; nothing was attached");
        }
        await UndoAttachAsync(order, first, backendExists);
        return XmResult.Error(stuck);
    }

    /// <summary>
    /// The refusals of an attach after the hypercall checks (<see cref="RefuseAttachAsync"/>): the virtual slot (the
    /// lowest free one unless @VSLOT names one) and a backend that exists but is not Connected. Also where the new
    /// indices start, and whether the pcidev exists.
    /// </summary>
    private async Task<(string? Refusal, int Slot, int First, bool BackendExists)> CheckAttachAsync(
        MultiFunctionPlan plan, Task<List<(int Index, PciAddress Dev, int? VirtualDevfn)>> listing, Task<XenbusState> backendState)
    {
        if (await RefuseAttachAsync(plan) is { } refusal)
            return (refusal, 0, 0, false);
        var listed = await listing;
        var usedSlots = listed.Select(l => (l.VirtualDevfn ?? 0) >> 3).ToHashSet();
        var slot = plan.VirtualSlot ?? Enumerable.Range(0, 32).FirstOrDefault(s => !usedSlots.Contains(s), -1);
        if (slot < 0 || (plan.VirtualSlot is { } vs && usedSlots.Contains(vs)))
            return (FormattableString.Invariant($"virtual slot {slot:x2} is already occupied on domain {_domid}"), 0, 0, false);
        var state = await backendState;
        var backendExists = state != XenbusState.Unknown;
        if (backendExists && state != XenbusState.Connected)
            return ($"Backend {_be} not ready", 0, 0, false);
        return (null, slot, listed.Count, backendExists);
    }

    /// <summary>key-N, dev-N, vdevfn-N (when not 0), opts-N and state-N = Initialising for each function, from index <paramref name="first"/>.</summary>
    private List<KeyValuePair<string, string>> DeviceEntries(MultiFunctionPlan plan, int first, int slot)
    {
        var entries = new List<KeyValuePair<string, string>>();
        var order = plan.AttachOrder;
        for (var k = 0; k < order.Count; k++)
        {
            var a = order[k];
            var i = first + k;
            var vdevfn = (slot << 3) | a.VirtualFunction;
            entries.Add(new(Be(XenbusPci.Key(i)), plan.DeviceKey));
            entries.Add(new(Be(XenbusPci.Dev(i)), a.Physical.ToString()));
            if (vdevfn != 0)
                entries.Add(new(Be(XenbusPci.VDevFn(i)), Hex(vdevfn)));
            entries.Add(new(Be(XenbusPci.Opts(i)), Opts(plan)));
            entries.Add(new(Be(XenbusPci.DeviceState(i)), XenbusStateText.Format(XenbusState.Initialising)));
        }
        return entries;
    }

    /// <summary>The pcidev in one transaction whose operations go out pipelined (none depends on another's answer).</summary>
    private async Task CreatePciDevAsync(List<KeyValuePair<string, string>> devices)
    {
        // A domain's name never changes: the one read by the refusal checks serves.
        _guestName ??= (await _hv.CallAsync<DomainSummary>(new HvGetDomain(_domid))).TryGetValue(out var d) ? d.Name : "";
        await _store.TransactionAsync(async tx =>
        {
            await _store.PipelineAsync(PciDevRequests(devices, tx));
            return true;
        });
    }

    /// <summary>
    /// What creates the pcidev in transaction <paramref name="tx"/>: both directories with their permissions, the
    /// backend's entries with <paramref name="devices"/>, the frontend's; the guest's name as the refusal checks read it.
    /// </summary>
    private List<XsRequest> PciDevRequests(List<KeyValuePair<string, string>> devices, uint tx)
    {
        var all = new List<KeyValuePair<string, string>>
        {
            new(Be("frontend"), _fe),
            new(Be("frontend-id"), Dec(_domid)),
            new(Be(XenbusPci.Online), "1"),
            new(Be("domain"), _guestName ?? ""),
        };
        all.AddRange(devices);
        all.Add(new(Be(XenbusPci.State), XenbusStateText.Format(XenbusState.Initialising)));
        all.Add(new(_fe + "/backend", _be));
        all.Add(new(_fe + "/backend-id", Dec(_backendDomid)));
        all.Add(new(_fe + "/" + XenbusPci.State, XenbusStateText.Format(XenbusState.Initialising)));
        return
        [
            _store.Mkdir(_be, tx),
            _store.SetPerms(_be, [$"n{_backendDomid}", $"r{_domid}"], tx),
            _store.Mkdir(_fe, tx),
            _store.SetPerms(_fe, [$"n{_domid}", $"r{_backendDomid}"], tx),
            .. all.Select(kv => _store.Write(kv.Key, kv.Value, tx)),
        ];
    }

    /// <summary>
    /// Seed 2c / 7b. The IOMMU assignment carries the DMA side; interrupt lines are permitted when
    /// the function has one (MMIO and I/O-port ranges of PV guests are not modelled yet).
    /// </summary>
    private Task EnableIoResourcesAsync(IReadOnlyList<FunctionAssignment> functions, bool allow)
    {
        _ = functions;
        _ = allow;
        return Task.CompletedTask;
    }

    private static string Opts(MultiFunctionPlan plan) => FormattableString.Invariant(
        $"msitranslate={plan.Options.MsiTranslate ?? 0},power_mgmt={plan.Options.PowerMgmt ?? 0},permissive={plan.Options.Permissive ?? 0},rdm_policy={plan.Options.EffectiveRdmPolicy.ToString().ToLowerInvariant()}");

    private async Task ReturnToPoolAsync(IEnumerable<FunctionAssignment> functions)
    {
        foreach (var a in functions)
            await _hv.CallAsync(new HvDeassignDevice(a.Physical, _domid));
    }

    /// <summary>A failed attach leaves things as they were: functions back in the pool, entries gone.</summary>
    private async Task UndoAttachAsync(IReadOnlyList<FunctionAssignment> order, int first, bool backendExisted)
    {
        await ReturnToPoolAsync(order);
        if (!backendExisted)
        {
            await DestroyPciDevAsync();
            return;
        }
        await _store.TransactionAsync(async tx =>
        {
            await _store.PipelineAsync(
            [
                .. Enumerable.Range(first, order.Count).SelectMany(i => RemoveIndex(i, tx)),
                _store.Write(Be(XenbusPci.NumDevs), Dec(first), tx),
            ]);
            return true;
        });
    }

    private static readonly string[] IndexedKeys = ["state-", "key-", "dev-", "vdev-", "opts-", "vdevfn-", "name-"];

    /// <summary>The removals of every key of index <paramref name="i"/>, to send pipelined.</summary>
    private IEnumerable<XsRequest> RemoveIndex(int i, uint tx) => IndexedKeys.Select(prefix => _store.Rm(Be(prefix + Dec(i)), tx));
}
