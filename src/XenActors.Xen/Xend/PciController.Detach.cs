using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Xend;

internal sealed partial class PciController
{
    private async Task<XmResult> DetachAsync(string text)
    {
        // 1) xm pci-detach: which listed entries does the spec name?
        if (!TryParse(text, out var spec, out var error))
            return XmResult.Error(error!);
        var plan = Plan(spec!, out error);
        if (plan is null)
            return XmResult.Error(error!);
        // The store reads go out with the liveness hypercall: all are reads.
        var listing = ListedAsync();
        var backendState = StateAsync(_be);
        if (!await GuestAliveAsync())
            return XmResult.Error(FormattableString.Invariant($"{_domid} is an invalid domain identifier"));
        var listed = await listing;
        var targets = new List<(int Index, PciAddress Dev)>();
        foreach (var a in plan.DetachOrder)
        {
            var match = listed.FirstOrDefault(l => l.Dev == a.Physical, (-1, default, null));
            if (match.Index < 0)
                return XmResult.Error("PCI device not attached to this domain");
            targets.Add((match.Index, match.Dev));
        }
        if (await backendState != XenbusState.Connected)
            return XmResult.Error($"Backend {_be} not ready");

        // 2a) state-N = Closing for each function (virtual function 0 last); 2b) backend → Reconfiguring.
        await _store.TransactionAsync(async tx =>
        {
            await _store.PipelineAsync([.. targets.Select(t => _store.Write(Be(XenbusPci.DeviceState(t.Index)), XenbusStateText.Format(XenbusState.Closing), tx))]);
            return true;
        });
        await _store.WriteTransactionAsync([new(Be(XenbusPci.State), XenbusStateText.Format(XenbusState.Reconfiguring))]);

        // 3)–6) pcifront removes it and Reconfigures, pciback releases it and Reconfigured, both back to Connected.
        var stuck = await WaitReconfiguredAsync(targets.Select(t => t.Index).ToList(), XenbusState.Closing, created: false);
        if (stuck is not null && !await BackendAliveAsync())
        {
            await TearDownAfterBackendDeathAsync();
            return XmResult.Error(BackendDiedMessage + "; the device was returned to the pool");
        }

        // 7a) clean the entries (compacting indices; the last device's go with the pcidev), 7b) back to
        // the pool, 7c) no device left: close the pcidev through xenbus, then remove it.
        // A stuck driver does not keep the function: the guest loses it either way, as with xl pci-detach -f.
        var last = listed.Count == targets.Count;
        if (!last)
            await CleanEntriesAsync(listed.Count, targets.Select(t => t.Index).ToHashSet());
        await EnableIoResourcesAsync(plan.DetachOrder, false);
        await ReturnToPoolAsync(plan.DetachOrder);
        if (last && stuck is null)
            stuck = await ClosePciDevAsync() is { } closeStuck ? closeStuck + "; the pcidev was removed by force" : null;
        else if (last)
            await DestroyPciDevAsync();
        return stuck is null
            ? XmResult.Ok($"{plan.PhysicalSlot} detached from domain {_domid}")
            : XmResult.Error(stuck + "; the device was returned to the pool");
    }

    /// <summary>Removes the detached indices and moves every later one down, in one transaction.</summary>
    private async Task CleanEntriesAsync(int count, HashSet<int> removed)
    {
        await _store.TransactionAsync(async tx =>
        {
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                if (removed.Contains(i))
                    continue;
                if (next != i)
                {
                    foreach (var prefix in IndexedKeys)
                    {
                        var value = await _store.ReadAsync(Be(prefix + Dec(i)), tx);
                        // A key the moved entry lacks (vdevfn-N is written only when non-zero) must not linger.
                        if (value.IsOk)
                            await _store.WriteAsync(Be(prefix + Dec(next)), value.Value, tx);
                        else
                            await _store.RmAsync(Be(prefix + Dec(next)), tx);
                    }
                }
                next++;
            }
            await _store.PipelineAsync(
            [
                .. Enumerable.Range(next, count - next).SelectMany(i => RemoveIndex(i, tx)),
                _store.Write(Be(XenbusPci.NumDevs), Dec(next), tx),
            ]);
            return true;
        });
    }
}
