using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Drill;

/// <summary>
/// The real hot-plug path of a drill: xm pci-list / pci-detach / pci-attach / pci-assignable-list sent to each
/// host's xend, which runs the xenbus handshake with pciback and the guest's pcifront. A multi-function device
/// goes as one spec (its functions in one slot). The bonded NIC (the device at <paramref name="bondedSlot"/>)
/// is released by the guest's bond driver before its detach (the guest must acknowledge within
/// <paramref name="acknowledgeTimeout"/>) and enslaved again once pcifront shows it after an attach.
/// </summary>
public sealed class XendDeviceHotplug(
    IReadOnlyDictionary<string, XendEndpoint> hosts,
    IGuestPciDriver driver,
    int bondedSlot,
    TimeSpan acknowledgeTimeout,
    TimeSpan xmTimeout,
    SemaphoreSlim? placement = null) : IDeviceHotplug
{
    /// <summary>Choosing free functions and attaching them is one step per host pool: two guests never pick the same ones.</summary>
    private readonly SemaphoreSlim placement = placement ?? new SemaphoreSlim(1, 1);

    public void CheckMatching(string host, int domid, string destination, Action<HotplugResult> completed) =>
        Complete(completed, async () =>
        {
            var devices = await ListAsync(host, domid);
            if (devices.Error is not null)
                return devices;
            var target = hosts[destination];
            if (target.DriverDomid != DomainIds.Dom0 && !(await new HypervisorClient(target.Hypervisor).CallAsync<DomainSummary>(new HvGetDomain(target.DriverDomid))).IsSuccess)
                return devices with { Error = FormattableString.Invariant($"the driver domain of {destination} (dom {target.DriverDomid}) is not running") };
            var plan = Match(devices.Devices, destination, await PoolAsync(destination), exact: false);
            return plan.Error is null ? devices : devices with { Error = plan.Error };
        });

    public void HotRemoveAll(string host, int domid, Action<HotplugResult> completed) =>
        Complete(completed, async () =>
        {
            var listed = await ListAsync(host, domid);
            if (listed.Error is not null)
                return listed;
            var removed = new List<PassThroughDevice>();
            // The bonded NIC last: traffic stays on the physical path as long as possible.
            foreach (var slot in listed.Devices.GroupBy(d => d.VirtualSlot).OrderBy(g => g.Key == bondedSlot ? 1 : 0).ThenBy(g => g.Key))
            {
                var functions = slot.ToList();
                if (slot.Key == bondedSlot && !await AcknowledgedAsync(functions[0]))
                    return new HotplugResult(removed, FormattableString.Invariant($"the guest did not acknowledge the unplug of {functions[0].Address} within {acknowledgeTimeout.TotalSeconds:0.#} s"));
                var r = await XmAsync(host, new XmPciDetach(domid, Spec(functions, withSlot: false)));
                if (!r.Success)
                {
                    // xend returns a stuck device to the pool anyway: the guest lost it, so it is "removed" for the rollback.
                    if (await OwnedByAsync(host, functions) != domid)
                        removed.AddRange(functions);
                    return new HotplugResult(removed, $"pci-detach {Spec(functions, false)}: {r.Message}");
                }

                removed.AddRange(functions);
                if (slot.Key == bondedSlot)
                    driver.Removed(functions[0]);
            }

            return new HotplugResult(removed);
        });

    public void HotAddMatching(string host, int domid, IReadOnlyList<PassThroughDevice> like, Action<HotplugResult> completed) =>
        Complete(completed, async () =>
        {
            await placement.WaitAsync();
            try
            {
                var plan = Match(like, host, await PoolAsync(host), exact: true);
                if (plan.Error is not null)
                    return new HotplugResult([], plan.Error);
                var added = new List<PassThroughDevice>();
                foreach (var slot in plan.Slots)
                {
                    var r = await XmAsync(host, new XmPciAttach(domid, Spec(slot, withSlot: true)));
                    if (!r.Success)
                        return new HotplugResult(added, $"pci-attach {Spec(slot, true)}: {r.Message}");
                    added.AddRange(slot);
                    if (slot[0].VirtualSlot == bondedSlot)
                        driver.Added(slot[0]);
                }

                return new HotplugResult(added);
            }
            finally
            {
                placement.Release();
            }
        });

    /// <summary>"xm pci-list": the guest's functions with their virtual slots.</summary>
    private async Task<HotplugResult> ListAsync(string host, int domid)
    {
        var r = await XmAsync(host, new XmPciList(domid));
        if (!r.Success)
            return new HotplugResult([], r.Message);
        var inventory = hosts[host].Inventory;
        var devices = new List<PassThroughDevice>();
        foreach (var line in r.Lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !PciAddress.TryParse(parts[1], out var address))
                continue;
            var vslot = int.Parse(parts[0].Split('.')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            devices.Add(new PassThroughDevice(host, address, Kind(inventory, address)) { VirtualSlot = vslot });
        }

        return new HotplugResult([.. devices.OrderBy(d => d.VirtualSlot).ThenBy(d => d.Address)]);
    }

    private async Task<HashSet<PciAddress>> PoolAsync(string host)
    {
        var r = await XmAsync(host, new XmPciAssignableList());
        return [.. r.Lines.Select(l => PciAddress.TryParse(l, out var a) ? a : (PciAddress?)null).OfType<PciAddress>()];
    }

    /// <summary>
    /// For each virtual slot, a physical slot on <paramref name="host"/> whose free functions have the same numbers
    /// and kinds: the very same functions first when <paramref name="exact"/> (a rollback gives back what it took).
    /// </summary>
    private (List<List<PassThroughDevice>> Slots, string? Error) Match(IReadOnlyList<PassThroughDevice> like, string host, HashSet<PciAddress> pool, bool exact)
    {
        var inventory = hosts[host].Inventory;
        var taken = new HashSet<PciAddress>();
        var slots = new List<List<PassThroughDevice>>();
        foreach (var group in like.GroupBy(d => d.VirtualSlot).OrderBy(g => g.Key))
        {
            var wanted = group.OrderBy(d => d.Address.Function).ToList();
            var candidates = inventory.Devices.Select(d => d.Slot).ToList();
            if (exact && wanted[0].Host == host)
                candidates.Insert(0, wanted[0].Address.Slot);
            List<PassThroughDevice>? chosen = null;
            foreach (var candidate in candidates)
            {
                var functions = wanted.Select(w => candidate.Function(w.Address.Function)).ToList();
                if (functions.All(f => pool.Contains(f) && !taken.Contains(f) && Kind(inventory, f) == wanted[functions.IndexOf(f)].Kind))
                {
                    chosen = [.. functions.Select((f, i) => new PassThroughDevice(host, f, wanted[i].Kind) { VirtualSlot = group.Key })];
                    taken.UnionWith(functions);
                    break;
                }
            }

            if (chosen is null)
                return ([], FormattableString.Invariant($"{host} has no free device matching {wanted[0].Kind} (functions {string.Join(",", wanted.Select(w => w.Address.Function))}) for virtual slot {group.Key:x2}"));
            slots.Add(chosen);
        }

        return (slots, null);
    }

    private async Task<bool> AcknowledgedAsync(PassThroughDevice device)
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        driver.PrepareRemoval(device, () => released.TrySetResult());
        return await Task.WhenAny(released.Task, Task.Delay(acknowledgeTimeout)) == released.Task;
    }

    private async Task<int> OwnedByAsync(string host, IReadOnlyList<PassThroughDevice> functions)
    {
        var info = await new HypervisorClient(hosts[host].Hypervisor).CallAsync<PciFunctionInfo>(new HvGetDevice(functions[0].Address));
        return info.TryGetValue(out var f) ? f.Owner : -1;
    }

    private Task<XmResult> XmAsync(string host, object command) => hosts[host].Xend.Ask<XmResult>(command, xmTimeout);

    private static void Complete(Action<HotplugResult> completed, Func<Task<HotplugResult>> run)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _ = Task.Run(async () =>
        {
            HotplugResult result;
            try
            {
                result = await run();
            }
            catch (Exception e)
            {
                // Any failure is the hot-plug's answer: the drill waits for completed and must never wait for ever.
                result = new HotplugResult([], e.Message);
            }

            completed(result);
        });
    }

    /// <summary>xm's spec for one slot's functions: BB:DD.F or BB:DD.F-G, with @VSLOT for an attach.</summary>
    private static string Spec(IReadOnlyList<PassThroughDevice> functions, bool withSlot)
    {
        var a = functions[0].Address;
        var first = functions.Min(f => f.Address.Function);
        var last = functions.Max(f => f.Address.Function);
        var spec = FormattableString.Invariant($"{a.Domain:x4}:{a.Bus:x2}:{a.Device:x2}.{first}") + (last != first ? FormattableString.Invariant($"-{last}") : "");
        return withSlot && functions[0].VirtualSlot >= 0 ? spec + FormattableString.Invariant($"@{functions[0].VirtualSlot:x}") : spec;
    }

    private static string Kind(PciInventory inventory, PciAddress address) =>
        inventory.TryGet(address, out var f) ? FormattableString.Invariant($"{f.VendorId:x4}:{f.DeviceId:x4}/{f.ClassCode:x6}") : "unknown";

}
