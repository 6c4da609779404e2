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
        var stuck = await WaitAsync(ClosedAsync);
        await DestroyPciDevAsync();
        return stuck;
    }

    /// <summary>Done when the backend reads Closed; otherwise names the end that holds the close up.</summary>
    private async Task<(bool Done, bool Fatal, string Stuck)> ClosedAsync(XenStoreClient s)
    {
        var be = XenbusStateText.ParseOrUnknown(await s.TryReadAsync(Be(XenbusPci.State)));
        if (be == XenbusState.Closed)
            return (true, false, "");
        if (await EndDiedAsync() is { } died)
            return (false, true, died);
        if (be == XenbusState.Unknown)
            return (false, true, FormattableString.Invariant($"the backend of dom {_domid} vanished"));
        var fe = XenbusStateText.ParseOrUnknown(await s.TryReadAsync(_fe + "/" + XenbusPci.State));
        return fe == XenbusState.Closed
            ? (false, false, FormattableString.Invariant($"pciback of dom {_backendDomid} did not reach Closed in {Seconds} s (state {(int)be})"))
            : (false, false, FormattableString.Invariant($"pcifront of dom {_domid} did not reach Closed in {Seconds} s (state {(int)fe})"));
    }

    /// <summary>The forced removal: backend and frontend directories go in one transaction.</summary>
    private async Task DestroyPciDevAsync()
    {
        await _store.TransactionAsync(async tx =>
        {
            await _store.RmAsync(_be[..^2], tx);
            await _store.RmAsync(_fe, tx);
            return true;
        });
    }
}
