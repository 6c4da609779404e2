using XenActors.Actor;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci.Planning;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Xend;

// HVM guests (multi-function seed, figure 3): xm → xend → ioemu → hypervisor + virtual BIOS → guest
// kernel, and the acknowledgement back up the same chain. ioemu assigns the functions itself; xend
// refuses what it can before asking, and writes the backend entries afterwards, for bookkeeping only
// (reference §6: for HVM they come after the device model's device_add).
internal sealed partial class PciController
{
    private TimeSpan DeviceModelWait => (_timeout * 2) + TimeSpan.FromSeconds(5);

    private HotplugTrail Hop(HotplugTrail trail, HotplugParticipant from, HotplugParticipant to, string what) =>
        trail.Record(Context.System.EventStream, from, to, what);

    private XmResult HvmError(HotplugTrail trail, string reason) =>
        XmResult.Error(reason) with { Trail = Hop(trail, HotplugParticipant.Xend, HotplugParticipant.Xm, "Error: " + reason) };

    private async Task<XmResult> AttachHvmAsync(string text)
    {
        var trail = Hop(HotplugTrail.Empty, HotplugParticipant.Xm, HotplugParticipant.Xend, FormattableString.Invariant($"pci-attach {_domid} {text}"));
        if (!TryParse(text, out var spec, out var error))
            return HvmError(trail, error!);
        var plan = Plan(spec!, out error);
        if (plan is null)
            return HvmError(trail, error!);
        if (await RefuseAttachAsync(plan) is { } refusal)
            return HvmError(trail, refusal);

        var answer = await _deviceModel!.Ask<object>(PciAttach.FromPlan(plan, trail), DeviceModelWait);
        switch (answer)
        {
            case PciAttachRefused refused:
                return HvmError(refused.Trail, refused.Reason);
            case PciAttachCompleted done:
                await WriteBookkeepingAsync(plan, done.VirtualSlot);
                var message = FormattableString.Invariant($"{plan.PhysicalSlot} attached to domain {_domid} at virtual slot {done.VirtualSlot:x2}");
                return XmResult.Ok(message, done.Warnings) with { Trail = Hop(done.Trail, HotplugParticipant.Xend, HotplugParticipant.Xm, message) };
            default:
                return HvmError(trail, $"unexpected answer from the device model: {answer}");
        }
    }

    /// <summary>
    /// The entries libxl writes for an HVM guest: a new pcidev is created as for PV (pciback probes it
    /// and exports the functions, waiting for a pcifront that never comes); a later device is only
    /// added, without the Reconfiguring a PV guest would need.
    /// </summary>
    private async Task WriteBookkeepingAsync(MultiFunctionPlan plan, int slot)
    {
        var first = (await ListedAsync()).Count;
        var order = plan.AttachOrder;
        var entries = DeviceEntries(plan, first, slot);
        entries.Add(new(Be(XenbusPci.NumDevs), Dec(first + order.Count)));
        if (await StateAsync(_be) != XenbusState.Unknown)
        {
            await _store.WriteTransactionAsync(entries);
            return;
        }
        await CreatePciDevAsync(entries);
        // Answer once pciback has settled, so no late write of its can land after a detach removed the directory.
        var indices = Enumerable.Range(first, order.Count).ToList();
        string[] nodes = [Be(XenbusPci.State), .. indices.Select(i => Be(XenbusPci.DeviceState(i)))];
        await WaitAsync(nodes, async (s, liveness) =>
        {
            var read = await s.TryReadAllAsync(nodes);
            var be = XenbusStateText.ParseOrUnknown(read[0]);
            var exported = read.Skip(1).All(v => XenbusStateText.ParseOrUnknown(v) == XenbusState.Initialised);
            return (be == XenbusState.Initialised && exported, be == XenbusState.Closing || (liveness && !await BackendAliveAsync()), "pciback did not export the device");
        });
    }

    private async Task<XmResult> DetachHvmAsync(string text)
    {
        var trail = Hop(HotplugTrail.Empty, HotplugParticipant.Xm, HotplugParticipant.Xend, FormattableString.Invariant($"pci-detach {_domid} {text}"));
        if (!TryParse(text, out var spec, out var error))
            return HvmError(trail, error!);
        var plan = Plan(spec!, out error);
        if (plan is null)
            return HvmError(trail, error!);
        var listed = await ListedAsync();
        var named = listed.Where(l => plan.DetachOrder.Any(a => a.Physical == l.Dev)).ToList();
        if (named.Count != plan.DetachOrder.Count)
            return HvmError(trail, "PCI device not attached to this domain");
        var slot = (named[0].VirtualDevfn ?? 0) >> 3;

        var answer = await _deviceModel!.Ask<object>(new PciDetach(slot, trail), DeviceModelWait);
        switch (answer)
        {
            case PciDetachFailed failed:
                // The guest kept the device: it stays attached, owned by the guest, and listed.
                return HvmError(failed.Trail, failed.Reason);
            case PciDetachCompleted done:
                // The whole virtual slot left the guest: every entry in it goes, indices compacted.
                var gone = listed.Where(l => (l.VirtualDevfn ?? 0) >> 3 == slot).Select(l => l.Index).ToHashSet();
                await CleanEntriesAsync(listed.Count, gone);
                if (gone.Count == listed.Count)
                    await DestroyPciDevAsync();
                var message = $"{plan.PhysicalSlot} detached from domain {_domid}";
                return XmResult.Ok(message) with { Trail = Hop(done.Trail, HotplugParticipant.Xend, HotplugParticipant.Xm, message) };
            default:
                return HvmError(trail, $"unexpected answer from the device model: {answer}");
        }
    }

}
