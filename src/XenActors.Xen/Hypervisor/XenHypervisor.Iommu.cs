using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// IOMMU contexts. Every PCI function belongs to exactly one of: the host (dom0, not assignable),
// the assignable pool (DOMID_IO, quarantined: all DMA blocked), or one guest. A device's DMA uses
// its owner's guest-physical addresses, translated to machine addresses by the owner's context.
public sealed partial class XenHypervisor
{
    private readonly SortedDictionary<PciAddress, PhysicalFunction> devices = [];
    private readonly Dictionary<PciAddress, int> deviceGsis = [];
    private readonly Queue<IommuFault> faults = new();

    public IEnumerable<PciFunctionInfo> Devices => devices.Values.Select(d => d.ToInfo());

    /// <summary>Recent IOMMU faults, oldest first (bounded like the event log).</summary>
    public IReadOnlyCollection<IommuFault> IommuFaults => faults;

    /// <summary>
    /// Makes a physical function known to the hypervisor (PHYSDEVOP_pci_device_add), owned by the host.
    /// <paramref name="gsi"/> is its INTx line, so routes for it go when the device leaves a domain.
    /// EEXIST: already known (a PciAddress is in range by construction).
    /// </summary>
    public XenResult RegisterDevice(PciAddress device, int? gsi = null, bool usesDriverGivenPhysicalAddresses = false)
    {
        if (devices.ContainsKey(device))
        {
            return Fail(Errno.EEXIST, $"PCI device {device} is already known");
        }

        devices[device] = new PhysicalFunction(device, usesDriverGivenPhysicalAddresses) { Owner = DomainIds.Dom0 };
        if (gsi is { } line)
        {
            deviceGsis[device] = line;
        }

        Log(HypervisorEventKind.DeviceRegistered, DomainIds.Dom0, device.ToString());
        return XenResult.Ok;
    }

    /// <summary>PHYSDEVOP_pci_device_remove: only while the host owns it (EBUSY otherwise); ENODEV if unknown.</summary>
    public XenResult UnregisterDevice(PciAddress device)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        if (function.Owner != DomainIds.Dom0)
        {
            return Fail(Errno.EBUSY, $"PCI device {device} is owned by {OwnerText(function.Owner)}");
        }

        devices.Remove(device);
        deviceGsis.Remove(device);
        return XenResult.Ok;
    }

    public XenResult<PciFunctionInfo> GetDevice(PciAddress device) =>
        Device(device).TryGetValue(out var function) ? function.ToInfo() : Device(device).Error;

    /// <summary>XEN_DOMCTL_test_assign_device: EBUSY if a guest owns the function, ENODEV if unknown.</summary>
    public XenResult TestAssignDevice(PciAddress device)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        return IsGuestOwner(function.Owner) ? AlreadyAssigned(function) : XenResult.Ok;
    }

    /// <summary>
    /// XEN_DOMCTL_assign_device: moves a function from the host or the pool into <paramref name="domid"/>'s
    /// IOMMU context; DOMID_IO quarantines it (pci-assignable-add). EBUSY if a guest (or the target) owns it
    /// already; ENODEV unknown; ESRCH / EINVAL (dying) target; EXDEV while the target is in log-dirty mode.
    /// </summary>
    public XenResult AssignDevice(PciAddress device, int domid)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        if (IsGuestOwner(function.Owner) || function.Owner == domid)
        {
            return AlreadyAssigned(function);
        }

        if (domid == DomainIds.Dom0)
        {
            return Fail(Errno.EINVAL, $"use {nameof(ReleaseDeviceToHost)} to give {device} back to the host");
        }

        Domain? domain = null;
        if (domid != DomainIds.Io)
        {
            var target = LiveDomain(domid);
            if (!target.TryGetValue(out domain))
            {
                return target.Error;
            }

            if (domain.Memory.LogDirty)
            {
                return Fail(Errno.EXDEV, $"domain {domid} is in log-dirty mode; cannot assign {device}");
            }
        }

        // Leaving the host: dom0's own interrupt routes for the function go with it.
        RemoveRoutesFor(domains[DomainIds.Dom0], device, "leaving the host");
        if (domain is null)
        {
            function.Owner = DomainIds.Io;
            Log(HypervisorEventKind.DeviceAssigned, DomainIds.Io, $"{device} quarantined");
            return XenResult.Ok;
        }

        function.Owner = domid;
        domain.AssignedSet.Add(device);
        Log(HypervisorEventKind.DeviceAssigned, domid, $"{device} assigned to domain {domid}");
        return XenResult.Ok;
    }

    /// <summary>
    /// XEN_DOMCTL_deassign_device: takes a function away from <paramref name="domid"/> into quarantine
    /// (DOMID_IO), removing its interrupt routes. ENODEV if the domain does not own it.
    /// </summary>
    public XenResult DeassignDevice(PciAddress device, int domid)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        if (function.Owner != domid || !IsGuestOwner(domid) || Find(domid) is not { } domain)
        {
            return Fail(Errno.ENODEV, $"PCI device {device} is not assigned to domain {DomainIds.Describe(domid)} (owner: {OwnerText(function.Owner)})");
        }

        MoveDevice(device, domain, DomainIds.Io, "deassigned");
        return XenResult.Ok;
    }

    /// <summary>pci-assignable-remove: from the pool back to the host. EBUSY unless the pool holds it.</summary>
    public XenResult ReleaseDeviceToHost(PciAddress device)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        if (function.Owner != DomainIds.Io)
        {
            return Fail(Errno.EBUSY, $"PCI device {device} is owned by {OwnerText(function.Owner)}, not the assignable pool");
        }

        function.Owner = DomainIds.Dom0;
        Log(HypervisorEventKind.DeviceDeassigned, DomainIds.Dom0, $"{device} returned to the host");
        return XenResult.Ok;
    }

    /// <summary>
    /// The IOMMU's view of one DMA: bus address → machine address. Faults (recorded, EFAULT) for a
    /// quarantined function, an address outside the owner's memory, or a device that uses a driver-given
    /// guest-physical address untranslated when its owner's memory is not 1:1 (any guest; dom0 is 1:1).
    /// </summary>
    public XenResult<ulong> TranslateDma(PciAddress device, ulong busAddress, bool write)
    {
        var lookup = Device(device);
        if (!lookup.TryGetValue(out var function))
        {
            return lookup.Error;
        }

        if (function.Owner == DomainIds.Io || Find(function.Owner) is not { } owner)
        {
            return Fault(function, busAddress, write, IommuFaultReason.Quarantined);
        }

        var gfn = (long)(busAddress >> GuestMemory.PageShift);
        var offset = busAddress & (GuestMemory.PageSize - 1);
        if (function.UsesDriverGivenPhysicalAddresses && owner.Memory.MachineBase != 0)
        {
            return Fault(function, busAddress, write, IommuFaultReason.UntranslatedDriverAddress);
        }

        if (!owner.Memory.ContainsFrame(gfn))
        {
            return Fault(function, busAddress, write, IommuFaultReason.OutsideOwnerMemory);
        }

        return ((ulong)owner.Memory.ToMachineFrame(gfn) << GuestMemory.PageShift) | offset;
    }

    /// <summary>Device reads owner memory by DMA; every page of the range must translate.</summary>
    public XenResult DmaRead(PciAddress device, ulong busAddress, Span<byte> destination)
    {
        var owner = DmaOwner(device, busAddress, destination.Length, write: false);
        if (!owner.TryGetValue(out var memory))
        {
            return owner.Error;
        }

        memory.Read(busAddress, destination);
        return XenResult.Ok;
    }

    /// <summary>Device writes owner memory by DMA; every page of the range must translate.</summary>
    public XenResult DmaWrite(PciAddress device, ulong busAddress, ReadOnlySpan<byte> source)
    {
        var owner = DmaOwner(device, busAddress, source.Length, write: true);
        if (!owner.TryGetValue(out var memory))
        {
            return owner.Error;
        }

        memory.Write(busAddress, source);
        return XenResult.Ok;
    }

    private static bool IsGuestOwner(int owner) => owner != DomainIds.Dom0 && owner != DomainIds.Io;

    private static string OwnerText(int owner) => owner switch
    {
        DomainIds.Dom0 => "the host",
        DomainIds.Io => "the assignable pool (DOMID_IO)",
        _ => $"domain {owner}",
    };

    private static XenError AlreadyAssigned(PhysicalFunction function) =>
        new(Errno.EBUSY, $"PCI device {function.Address} already assigned to domain {DomainIds.Describe(function.Owner)}");

    private XenResult<PhysicalFunction> Device(PciAddress device) =>
        devices.TryGetValue(device, out var function) ? function : Fail(Errno.ENODEV, $"PCI device {device} is not known to the hypervisor");

    private XenResult<GuestMemory> DmaOwner(PciAddress device, ulong busAddress, int length, bool write)
    {
        if (length <= 0)
        {
            return Fail(Errno.EINVAL, "a DMA moves at least one byte");
        }

        var first = busAddress >> GuestMemory.PageShift;
        var last = (busAddress + (ulong)length - 1) >> GuestMemory.PageShift;
        for (var page = first; page <= last; page++)
        {
            var address = page == first ? busAddress : page << GuestMemory.PageShift;
            var translated = TranslateDma(device, address, write);
            if (!translated.IsSuccess)
            {
                return translated.Error;
            }
        }

        return domains[devices[device].Owner].Memory;
    }

    private XenError Fault(PhysicalFunction function, ulong address, bool write, IommuFaultReason reason)
    {
        var fault = new IommuFault(sequence + 1, function.Address, address, function.Owner, write, reason);
        faults.Enqueue(fault);
        while (faults.Count > Math.Max(1, Options.EventLogCapacity))
        {
            faults.Dequeue();
        }

        var message = $"IOMMU fault: {function.Address} {(write ? "write" : "read")} at {address:x} ({reason}) owned by {OwnerText(function.Owner)}";
        Log(HypervisorEventKind.IommuFault, function.Owner, message);
        return new XenError(Errno.EFAULT, message);
    }

    /// <summary>Moves a function out of a guest, dropping the interrupt routes that belong to it.</summary>
    private void MoveDevice(PciAddress device, Domain from, int to, string reason)
    {
        var function = devices[device];
        RemoveRoutesFor(from, device, reason);
        from.AssignedSet.Remove(device);
        function.Owner = to;
        Log(HypervisorEventKind.DeviceDeassigned, from.Id, $"{device} {reason}: domain {from.Id} → {OwnerText(to)}");
    }

    private void RemoveRoutesFor(Domain domain, PciAddress device, string reason)
    {
        foreach (var route in domain.Routes.Values.Where(r => BelongsTo(r.Source, device)).ToList())
        {
            RemoveRoute(domain, route.Pirq, reason);
        }
    }

    private bool BelongsTo(InterruptSource source, PciAddress device) =>
        source.Kind == InterruptKind.Gsi
            ? deviceGsis.TryGetValue(device, out var gsi) && gsi == source.Gsi
            : source.Device == device;
}
