using System.Globalization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The device model's state for one HVM guest, without messaging: slots, pass-through functions,
/// virtual root ports, the ACPI hot-plug registers, and everything the guest's accesses touch.
/// <see cref="IoemuActor"/> owns one and adds the hot-plug conversation and its timeouts.
/// Thread-confined like the hypervisor model.
/// </summary>
internal sealed partial class IoemuMachine(IoemuOptions options, IIoemuPlatform platform, PciInventory hostDevices)
{
    private readonly SortedDictionary<int, SlotEntry> slots = [];
    private readonly Dictionary<PciAddress, PassThroughDevice> byGuest = [];
    private readonly Dictionary<PciAddress, PassThroughDevice> byHost = [];
    private readonly SortedDictionary<int, VirtualRootPort> rootPorts = [];
    private readonly List<MachineSignal> signals = [];

    public IoemuOptions Options { get; } = options;

    /// <summary>PCIU: slots with an insertion the guest has not acknowledged.</summary>
    public uint PciUp { get; set; }

    /// <summary>PCID: slots whose removal was requested.</summary>
    public uint PciDown { get; set; }

    private int Caller => Options.DeviceModelDomid;

    private int Guest => Options.GuestDomid;

    private HotplugParticipant Me => HotplugParticipant.Ioemu;

    public SlotEntry? Slot(int slot) => slots.GetValueOrDefault(slot);

    public VirtualRootPort? RootPort(int slot) => rootPorts.GetValueOrDefault(slot);

    public IEnumerable<SlotEntry> Slots => slots.Values;

    /// <summary>Signals the last accesses raised, handed over once.</summary>
    public List<MachineSignal> DrainSignals()
    {
        var drained = new List<MachineSignal>(signals);
        signals.Clear();
        return drained;
    }

    public PciAddress GuestAddress(int slot, int function) =>
        Options.Hotplug == HotplugMode.PcieNative ? new PciAddress(0, slot, 0, function) : new PciAddress(0, 0, slot, function);

    public IReadOnlyList<PciDeviceEntry> List() =>
        [.. slots.Values.SelectMany(s => s.Functions.Select(f => new PciDeviceEntry(f.Guest, f.Host.Address, s.Slot, s.State))).OrderBy(e => e.Guest)];

    /// <summary>
    /// Checks everything first (nothing changes on a refusal), then assigns the functions highest
    /// virtual function first, function 0 last, and sets up their resources. Returns the refusal text or null.
    /// </summary>
    public async Task<PlugOutcome> PlugAsync(PciAttach request, HotplugTrail trail)
    {
        var (refusal, slot, functions) = await ValidateAsync(request);
        if (refusal is not null) return new PlugOutcome(refusal, null, trail);

        var devices = new List<PassThroughDevice>();
        var warnings = new List<string>();
        foreach (var (function, vfn) in functions.OrderByDescending(f => f.VirtualFunction))
        {
            VirtualConfigSpace config;
            try
            {
                config = new VirtualConfigSpace(function, new VirtualConfigSpaceOptions { Permissive = request.Permissive });
            }
            catch (NotSupportedException ex)
            {
                return new PlugOutcome(ex.Message, null, trail);
            }

            devices.Add(new PassThroughDevice(function, GuestAddress(slot, vfn), slot, config));
        }

        var done = new List<PassThroughDevice>();
        foreach (var device in devices)
        {
            var failure = await AssignAsync(device, warnings);
            if (failure is not null)
            {
                foreach (var d in done) await ReleaseAsync(d, null);
                return new PlugOutcome($"{device.Host.Address}: {failure}", null, trail);
            }

            done.Add(device);
            trail = trail.Then(Me, HotplugParticipant.Hypervisor, $"assign_device {device.Host.Address} as {device.Guest}");
        }

        var entry = new SlotEntry(slot, devices, warnings);
        slots[slot] = entry;
        foreach (var d in devices)
        {
            byGuest[d.Guest] = d;
            byHost[d.Host.Address] = d;
        }

        if (Options.Hotplug == HotplugMode.PcieNative) rootPorts[slot] = new VirtualRootPort(slot);
        return new PlugOutcome(null, entry, trail);
    }

    /// <summary>Tears the slot down: mappings, interrupts, permissions, then deassign (function 0 last).</summary>
    public async Task<(IReadOnlyList<PciAddress> Hosts, HotplugTrail Trail)> UnplugAsync(int slot, HotplugTrail trail)
    {
        if (!slots.Remove(slot, out var entry)) return ([], trail);
        foreach (var device in entry.Functions)
        {
            await ReleaseAsync(device, null);
            byGuest.Remove(device.Guest);
            byHost.Remove(device.Host.Address);
            trail = trail.Then(Me, HotplugParticipant.Hypervisor, $"deassign_device {device.Host.Address} from {device.Guest}");
        }

        rootPorts.Remove(slot);
        PciUp &= ~(1u << slot);
        PciDown &= ~(1u << slot);
        return ([.. entry.Functions.Select(f => f.Host.Address).Order()], trail);
    }

    private async Task<(string? Refusal, int Slot, List<(PciFunction Function, int VirtualFunction)> Functions)> ValidateAsync(PciAttach request)
    {
        var functions = new List<(PciFunction Function, int VirtualFunction)>();
        var refusal = await RefusalAsync(request, functions);
        if (refusal is not null) return (refusal, 0, functions);
        var (slotRefusal, slot) = PickSlot(request.VirtualSlot);
        return (slotRefusal, slot, functions);
    }

    private async Task<string?> RefusalAsync(PciAttach request, List<(PciFunction Function, int VirtualFunction)> functions)
    {
        if (request.Functions.Count == 0) return "pci-attach names no PCI function";
        var hosts = request.Functions.Select(f => f.Host).ToList();
        var slotText = $"{hosts[0].Slot}.{string.Join(",", hosts.Select(h => h.Function.ToString("x", CultureInfo.InvariantCulture)))}";
        if (request.Functions.All(f => f.VirtualFunction != 0)) return $"PCI device {slotText} does not include virtual function 0";
        if (request.Functions.Select(f => f.VirtualFunction).Distinct().Count() != request.Functions.Count) return $"PCI device {slotText} maps two functions to one virtual function";
        if (request.Functions.Any(f => f.VirtualFunction is < 0 or > PciLimits.MaxFunction)) return $"PCI device {slotText}: virtual function out of range 0-7";

        foreach (var f in request.Functions)
        {
            if (!hostDevices.TryGet(f.Host, out var function)) return $"PCI device {f.Host} not found on this host";
            if (byHost.ContainsKey(f.Host)) return $"PCI device {f.Host} is already attached to domain {Guest}";
            functions.Add((function, f.VirtualFunction));
        }

        // The seed's Enhancement 1: a BAR that does not start on a page cannot be mapped per page.
        foreach (var (function, _) in functions)
        {
            if (function.FindNonPageAlignedMmioBar() is not null) return $"pci: {function.Address}: non-page-aligned MMIO BAR found.";
        }

        foreach (var (function, _) in functions)
        {
            if (!(await platform.DescribeDevice(function.Address)).IsSuccess) return $"PCI device {function.Address} is not known to the hypervisor";
            var test = await platform.TestAssignDevice(Caller, function.Address);
            if (!test.IsSuccess) return $"PCI device {function.Address} cannot be assigned: {test.Error.Message}";
        }

        return null;
    }

    private (string? Refusal, int Slot) PickSlot(int? wanted)
    {
        if (wanted is { } w)
        {
            if (!AcpiPciHotplug.IsSlot(w)) return (string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{w:x2} is out of range: hot-plug slots are 1-31"), 0);
            if (Options.ReservedSlots.Contains(w)) return (string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{w:x2} is taken by an emulated device"), 0);
            if (slots.TryGetValue(w, out var taken)) return (string.Create(CultureInfo.InvariantCulture, $"virtual slot 0x{w:x2} is occupied by {taken.HostText}"), 0);
            return (null, w);
        }

        for (var s = AcpiPciHotplug.FirstSlot; s <= AcpiPciHotplug.LastSlot; s++)
        {
            if (!Options.ReservedSlots.Contains(s) && !slots.ContainsKey(s)) return (null, s);
        }

        return ("no free virtual slot: slots 1-31 are all in use", 0);
    }

    /// <summary>assign_device, then I/O memory, I/O port and IRQ permissions and the INTx route, as qemu-xen's pt init does.</summary>
    private async Task<string?> AssignAsync(PassThroughDevice device, List<string> warnings)
    {
        var assigned = await platform.AssignDevice(Caller, Guest, device.Host.Address);
        if (!assigned.IsSuccess) return assigned.Error.Message;

        if (await platform.DescribeDevice(device.Host.Address) is { IsSuccess: true } info && info.Value.UsesDriverGivenPhysicalAddresses)
        {
            warnings.Add($"pci: {device.Host.Address}: unsuitable for pass-through: the device uses physical addresses from its driver for internal memory access, which the IOMMU does not translate");
        }

        foreach (var bar in device.Host.Bars)
        {
            var result = bar.IsMemory
                ? await platform.PermitIomem(Caller, Guest, (long)(bar.Address / PciLimits.PageSize), Pages(bar.Size), true)
                : await platform.PermitIoports(Caller, Guest, (int)bar.Address, (int)bar.Size, true);
            if (!result.IsSuccess)
            {
                await ReleaseAsync(device, null);
                return result.Error.Message;
            }
        }

        if (device.Host.InterruptPin != 0)
        {
            var gsi = (int)device.Host.Read(PciConfigRegisters.InterruptLine, 1);
            var permitted = await platform.PermitIrq(Caller, Guest, gsi, true);
            var pirq = permitted.IsSuccess ? await platform.MapPirq(Caller, Guest, InterruptSource.ForGsi(gsi)) : permitted.Error;
            if (!pirq.IsSuccess && pirq.Errno == Protocol.Errno.EEXIST) pirq = await platform.FindPirq(Guest, InterruptSource.ForGsi(gsi)); // shared line
            if (!pirq.IsSuccess)
            {
                await ReleaseAsync(device, null);
                return pirq.Error.Message;
            }

            device.Gsi = gsi;
            device.IntxPirq = pirq.Value;
        }

        return null;
    }

    /// <summary>Undoes <see cref="AssignAsync"/>; best effort, so a half-built device can be rolled back too.</summary>
    private async Task ReleaseAsync(PassThroughDevice device, List<string>? notes)
    {
        foreach (var map in device.MemoryMaps.Values)
        {
            foreach (var gfn in map.Keys) await platform.UnmapMmio(Caller, Guest, gfn, 1);
        }

        device.MemoryMaps.Clear();
        device.IoMaps.Clear();
        if (device.MsiPirq is { } msi) await platform.UnmapPirq(Caller, Guest, msi);
        device.MsiPirq = null;
        foreach (var pirq in device.MsixPirqs.Values) await platform.UnmapPirq(Caller, Guest, pirq);
        device.MsixPirqs.Clear();
        if (device.IntxPirq is { } intx && !byHost.Values.Any(d => d != device && d.IntxPirq == intx)) await platform.UnmapPirq(Caller, Guest, intx);
        device.IntxPirq = null;
        foreach (var bar in device.Host.Bars)
        {
            _ = bar.IsMemory
                ? await platform.PermitIomem(Caller, Guest, (long)(bar.Address / PciLimits.PageSize), Pages(bar.Size), false)
                : await platform.PermitIoports(Caller, Guest, (int)bar.Address, (int)bar.Size, false);
        }

        var result = await platform.DeassignDevice(Caller, Guest, device.Host.Address);
        if (!result.IsSuccess) notes?.Add(result.Error.Message);
    }

    private static long Pages(ulong size) => (long)((size + PciLimits.PageSize - 1) / PciLimits.PageSize);

}
