using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

// Seed detach 7c, the way the toolstack removes a xenbus device (libxl__initiate_device_generic_remove,
// xend's destroyDevice): online = 0 and backend Closing in one transaction; pcifront frees its buses and
// goes Closed; pciback unbinds the event channel, unmaps the pci-op page, goes Closed and, being
// offline, unregisters; only then do the directories go. Removing them outright is the forced path
// (domain destroy, a dead driver domain, an undone attach, a handshake that already timed out).
internal sealed partial class PciController
{
    /// <summary>Closes the pcidev through the xenbus handshake, then removes it; null when it closed, else the stuck step (removed by force all the same).</summary>
    private async Task<string?> ClosePciDevAsync()
    {
        await _store.WriteTransactionAsync(
        [
            new(Be(XenbusPci.Online), "0"),
            new(Be(XenbusPci.State), XenbusStateText.Format(XenbusState.Closing)),
        ]);
        var stuck = await WaitAsync([Be(XenbusPci.State), _fe + "/" + XenbusPci.State], ClosedAsync);
        await DestroyPciDevAsync();
        return stuck;
    }

    /// <summary>Done when the backend reads Closed; otherwise names the end that holds the close up.</summary>
    private async Task<(bool Done, bool Fatal, string Stuck)> ClosedAsync(XenStoreClient s, bool liveness)
    {
        var read = await s.TryReadAllAsync([Be(XenbusPci.State), _fe + "/" + XenbusPci.State]);
        var be = XenbusStateText.ParseOrUnknown(read[0]);
        if (be == XenbusState.Closed)
            return (true, false, "");
        // A vanished backend may be a reclaimed domain's: say which died rather than that it vanished.
        if ((liveness || be == XenbusState.Unknown) && await EndDiedAsync() is { } died)
            return (false, true, died);
        if (be == XenbusState.Unknown)
            return (false, true, FormattableString.Invariant($"the backend of dom {_domid} vanished"));
        var fe = XenbusStateText.ParseOrUnknown(read[1]);
        return fe == XenbusState.Closed
            ? (false, false, FormattableString.Invariant($"pciback of dom {_backendDomid} did not reach Closed in {Seconds} s (state {(int)be})"))
            : (false, false, FormattableString.Invariant($"pcifront of dom {_domid} did not reach Closed in {Seconds} s (state {(int)fe})"));
    }

    /// <summary>The forced removal: backend and frontend directories go in one transaction.</summary>
    private async Task DestroyPciDevAsync()
    {
        await _store.TransactionAsync(async tx =>
        {
            await _store.PipelineAsync(_store.Rm(_be[..^2], tx), _store.Rm(_fe, tx));
            return true;
        });
    }
}
