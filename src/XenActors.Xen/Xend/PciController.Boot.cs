using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci.Planning;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Xend;

// pci = [...] in the guest config. A PV guest gets every device in the transaction that creates its
// pcidev (reference §1, initial connect: state-N = 1 written during creation, never state = 7); an
// HVM guest's device model hot-plugs them one by one, as qemu does for its command-line devices.
internal sealed partial class PciController
{
    private async Task<XmResult> BootAsync(IReadOnlyList<string> specs)
    {
        if (_deviceModel is not null)
        {
            foreach (var spec in specs)
            {
                var attached = await AttachHvmAsync(spec);
                if (!attached.Success)
                    return attached;
            }
            return XmResult.Ok();
        }

        // Everything is planned and refused first: nothing is assigned unless every device can be.
        var plans = new List<(MultiFunctionPlan Plan, int Slot)>();
        var used = new HashSet<int>();
        foreach (var text in specs)
        {
            if (!TryParse(text, out var spec, out var error))
                return XmResult.Error(error!);
            var plan = Plan(spec!, out error);
            if (plan is null)
                return XmResult.Error(error!);
            if (await RefuseAttachAsync(plan) is { } refusal)
                return XmResult.Error(refusal);
            if (plans.Any(p => p.Plan.Assignments.Any(a => plan.Assignments.Any(b => b.Physical == a.Physical))))
                return XmResult.Error($"PCI device {plan.PhysicalSlot} is listed twice in pci = [...]");
            var slot = plan.VirtualSlot ?? Enumerable.Range(0, 32).FirstOrDefault(s => !used.Contains(s), -1);
            if (slot < 0 || !used.Add(slot))
                return XmResult.Error(FormattableString.Invariant($"virtual slot {slot:x2} is already occupied on domain {_domid}"));
            plans.Add((plan, slot));
        }

        var functions = plans.SelectMany(p => p.Plan.AttachOrder).ToList();
        foreach (var a in functions)
        {
            var assigned = await _hv.CallAsync(new HvAssignDevice(a.Physical, _domid));
            if (!assigned.IsSuccess)
            {
                await ReturnToPoolAsync(functions);
                return XmResult.Error($"assigning {a.Physical}: {assigned.Error.Message}");
            }
        }

        var entries = new List<KeyValuePair<string, string>>();
        var next = 0;
        foreach (var (plan, slot) in plans)
        {
            entries.AddRange(DeviceEntries(plan, next, slot));
            next += plan.AttachOrder.Count;
        }
        entries.Add(new(Be(XenbusPci.NumDevs), Dec(next)));
        await CreatePciDevAsync(entries);

        var stuck = await WaitReconfiguredAsync(Enumerable.Range(0, next).ToList(), XenbusState.Initialised, created: true);
        if (stuck is null)
            return XmResult.Ok();
        await UndoAttachAsync(functions, 0, backendExisted: false);
        return XmResult.Error(stuck);
    }
}
