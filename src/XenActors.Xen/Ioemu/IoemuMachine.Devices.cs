using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Lspci;

namespace XenActors.Xen.Ioemu;

// What the physical device does on its own: raise interrupts, DMA, report PCIe errors; and the
// renderings of the guest's (or the host's) view for lspci.
internal sealed partial class IoemuMachine
{
    public async Task<InterruptReply> InterruptAsync(PciAddress host, InterruptKind kind, int entry)
    {
        if (!byHost.TryGetValue(host, out var device)) return new InterruptReply([], $"{host} is not passed through to domain {Guest}");
        InterruptSource source;
        switch (kind)
        {
            case InterruptKind.Gsi:
                if (device.Gsi is not { } gsi) return new InterruptReply([], $"{host} has no INTx pin");
                if ((device.GuestCommand & PciConfigRegisters.CommandIntxDisable) != 0) return new InterruptReply([], $"{host}: INTx disabled by the guest (Command bit 10)");
                if (device.MsiEnabled || device.MsixEnabled) return new InterruptReply([], $"{host}: INTx is not signalled while MSI or MSI-X is enabled");
                source = InterruptSource.ForGsi(gsi);
                break;
            case InterruptKind.Msi:
                if (device.MsiPirq is null) return new InterruptReply([], $"{host}: MSI is not enabled by the guest");
                source = InterruptSource.ForMsi(device.Host.Address);
                break;
            default:
                if (!device.MsixPirqs.ContainsKey(entry)) return new InterruptReply([], $"{host}: MSI-X entry {entry} is masked or MSI-X is disabled");
                source = InterruptSource.ForMsix(device.Host.Address, entry);
                break;
        }

        var raised = await platform.RaiseInterrupt(source);
        return raised.IsSuccess
            ? new InterruptReply([.. raised.Value.Where(d => d.Domain == Guest)], null)
            : new InterruptReply([], raised.Error.Message);
    }

    public async Task<OperationReply> SetIntxDestinationAsync(PciAddress guest, int vcpu)
    {
        if (!byGuest.TryGetValue(guest, out var device) || device.IntxPirq is not { } pirq) return new OperationReply(false, $"no INTx line at {guest}");
        var set = await platform.SetInterruptTarget(Caller, Guest, pirq, vcpu);
        return set.IsSuccess ? OperationReply.Done : new OperationReply(false, set.Error.Message);
    }

    public async Task<DmaReply> DmaAsync(PciAddress host, ulong busAddress, byte[] data, bool write)
    {
        if (write)
        {
            var w = await platform.DmaWrite(host, busAddress, data);
            return w.IsSuccess ? new DmaReply(true, [], null) : new DmaReply(false, [], w.Error.Message);
        }

        var r = await platform.DmaRead(host, busAddress, data.Length);
        return r.IsSuccess ? new DmaReply(true, r.Value, null) : new DmaReply(false, [], r.Error.Message);
    }

    /// <summary>Sets the error in the device's AER status (and the guest's copy); the slot to report through, or a refusal.</summary>
    public (int? Slot, string Message) InjectAer(PciAddress host, bool correctable, uint statusBit)
    {
        if (!byHost.TryGetValue(host, out var device)) return (null, $"{host} is not passed through to domain {Guest}");
        if (!device.IsExpress || !device.Extended.InjectAer(correctable, statusBit)) return (null, $"{host} has no AER capability");
        return (device.Slot, $"{host}: {(correctable ? "correctable" : "uncorrectable")} error 0x{statusBit:x8} reported as {device.Guest}");
    }

    public PassThroughDevice? DeviceAtGuest(PciAddress guest) => byGuest.GetValueOrDefault(guest);

    /// <summary>lspci -xxxx text: the guest's view at guest addresses (root ports included), or the host functions as dom0 sees them.</summary>
    public string Dump(bool physical)
    {
        var entries = new List<LspciDumpEntry>();
        if (physical)
        {
            entries.AddRange(byHost.Values.OrderBy(d => d.Host.Address).Select(d => LspciDumpCodec.ToEntry(d.Host)));
            return LspciDumpCodec.Write(entries);
        }

        foreach (var port in rootPorts.Values) entries.Add(new LspciDumpEntry(port.Address, false, "PCI bridge: Intel Corporation 7500/5520/5500/X58 I/O Hub PCI Express Root Port 0", port.View()));
        foreach (var device in byGuest.Values.OrderBy(d => d.Guest)) entries.Add(GuestEntry(device));
        entries.Sort((a, b) => a.Address.CompareTo(b.Address));
        return LspciDumpCodec.Write(entries);
    }

    private LspciDumpEntry GuestEntry(PassThroughDevice device)
    {
        var bytes = Options.Mmcfg && device.IsExpress ? device.Extended.View() : new byte[PciLimits.ExtendedConfigSize];
        device.Config.GuestView(PciLimits.ConventionalConfigSize).CopyTo(bytes, 0);
        return new LspciDumpEntry(device.Guest, false, PciNames.Describe(device.Host), bytes);
    }
}
