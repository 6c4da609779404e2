using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Xend;

// The driver domain (pciback's domain) dies: nobody is left to answer the xenbus handshake, so the
// operation in flight fails with that reason and xend does pciback's part of the teardown itself.
internal sealed partial class PciController
{
    private string BackendDiedMessage => FormattableString.Invariant($"driver domain {_backendDomid} died during the operation");

    private async Task<bool> BackendAliveAsync() =>
        _backendDomid == DomainIds.Dom0 || (await _hv.CallAsync<DomainSummary>(new HvGetDomain(_backendDomid))).IsSuccess;

    private async Task<bool> GuestAliveAsync() => (await _hv.CallAsync<DomainSummary>(new HvGetDomain(_domid))).IsSuccess;

    /// <summary>
    /// What a xenbus wait checks when a domain may have died: a dead guest or driver domain ends it at once, with the
    /// reason. Both hypercalls go out before either answer is awaited.
    /// </summary>
    private async Task<string?> EndDiedAsync()
    {
        var guest = GuestAliveAsync();
        var backend = BackendAliveAsync();
        return !await guest ? FormattableString.Invariant($"domain {_domid} died during the operation")
            : !await backend ? BackendDiedMessage
            : null;
    }

    /// <summary>
    /// Every function the backend listed returns to the pool (the guest can no longer reach it through
    /// pci-op anyway); the frontend is told its backend is Closed and closes too (reference §1 teardown);
    /// then the backend and frontend directories go, so no entry is left without its other end.
    /// </summary>
    private async Task TearDownAfterBackendDeathAsync()
    {
        foreach (var (_, dev, _) in await ListedAsync())
            await _hv.CallAsync(new HvDeassignDevice(dev, _domid));
        if (await StateAsync(_be) == XenbusState.Unknown)
            return;
        await _store.WriteTransactionAsync([new(Be(XenbusPci.State), XenbusStateText.Format(XenbusState.Closed))]);
        // A hung or dead guest does not close: the directories go after the time-out all the same.
        await WaitAsync([_fe + "/" + XenbusPci.State], async (s, liveness) =>
        {
            var fe = XenbusStateText.ParseOrUnknown(await s.TryReadAsync(_fe + "/" + XenbusPci.State));
            var closed = fe is XenbusState.Closed or XenbusState.Unknown;
            return (closed || (liveness && !await GuestAliveAsync()), false, "pcifront did not close");
        });
        await DestroyPciDevAsync();
    }
}
