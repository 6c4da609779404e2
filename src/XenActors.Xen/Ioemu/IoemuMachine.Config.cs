using System.Globalization;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Ioemu;

// Guest configuration accesses: 0xCF8/0xCFC reaches the first 256 bytes, MMCFG all 4096. The header
// and capabilities go through VirtualConfigSpace (QEMU xen_pt's register table); what a write means
// for the hypervisor (BAR mappings, MSI routes, power state) is applied right after it.
internal sealed partial class IoemuMachine
{
    private const int PmcsrOffset = 4;

    public ConfigAccessReply ConfigRead(PciAddress address, int offset, int size, bool extended)
    {
        var notes = new List<string>();
        if (!CheckConfigAccess(offset, size, extended, notes)) return new ConfigAccessReply(AllOnes(size), false, notes);
        if (rootPorts.Values.FirstOrDefault(r => r.Address == address) is { } port) return new ConfigAccessReply(port.Read(offset, size), true, notes);
        if (!byGuest.TryGetValue(address, out var device))
        {
            return new ConfigAccessReply(AllOnes(size), true, [$"no device at {address}"]);
        }

        if (offset >= PciLimits.ConventionalConfigSize)
        {
            return new ConfigAccessReply(device.IsExpress ? device.Extended.Read(offset, size) : 0, true, notes);
        }

        var before = device.Config.Events.Count;
        var result = device.Config.TryRead(offset, size, out var value);
        notes.AddRange(device.Config.Events.Skip(before).Select(e => e.Message));
        return result == ConfigAccessResult.Ok ? new ConfigAccessReply(value, true, notes) : new ConfigAccessReply(AllOnes(size), false, notes);
    }

    public async Task<ConfigAccessReply> ConfigWriteAsync(PciAddress address, int offset, int size, uint value, bool extended)
    {
        var notes = new List<string>();
        if (!CheckConfigAccess(offset, size, extended, notes)) return new ConfigAccessReply(0, false, notes);
        if (rootPorts.Values.FirstOrDefault(r => r.Address == address) is { } port)
        {
            if (port.Write(offset, size, value) is { } change) signals.Add(new MachineSignal(change, port.Slot));
            return new ConfigAccessReply(0, true, notes);
        }

        if (!byGuest.TryGetValue(address, out var device)) return new ConfigAccessReply(0, true, [$"no device at {address}"]);
        if (offset >= PciLimits.ConventionalConfigSize)
        {
            if (device.IsExpress) notes.AddRange(device.Extended.Write(offset, size, value));
            return new ConfigAccessReply(0, true, notes);
        }

        var before = device.Config.Events.Count;
        var result = device.Config.Write(offset, size, value);
        notes.AddRange(device.Config.Events.Skip(before).Select(e => e.Message));
        if (result != ConfigAccessResult.Ok) return new ConfigAccessReply(0, false, notes);

        if (Touches(offset, size, PciConfigRegisters.Command, 2) || Touches(offset, size, PciConfigRegisters.BaseAddress0, 4 * PciConfigRegisters.BarCount))
        {
            await RemapBarsAsync(device, notes);
        }

        if (device.MsiCapability is { } msi && Touches(offset, size, msi, 0x18)) await UpdateMsiAsync(device, notes);
        if (device.Msix is { } msix && Touches(offset, size, msix.Capability, 4)) await UpdateMsixAsync(device, notes);
        if (device.PmCapability is { } pm && Touches(offset, size, pm + PmcsrOffset, 2)) UpdatePower(device, pm, notes);
        return new ConfigAccessReply(0, true, notes);
    }

    private static bool CheckConfigAccess(int offset, int size, bool extended, List<string> notes)
    {
        var limit = extended ? PciLimits.ExtendedConfigSize : PciLimits.ConventionalConfigSize;
        if (size is 1 or 2 or 4 && offset >= 0 && offset + size <= limit && offset % size == 0) return true;
        notes.Add(extended || offset + size <= PciLimits.ConventionalConfigSize
            ? string.Create(CultureInfo.InvariantCulture, $"config access of {size} byte(s) at 0x{offset:x} refused")
            : string.Create(CultureInfo.InvariantCulture, $"config offset 0x{offset:x} is beyond the 256 bytes 0xCF8/0xCFC reaches; use MMCFG"));
        return false;
    }

    private static bool Touches(int offset, int size, int start, int length) => offset < start + length && start < offset + size;

    private static uint AllOnes(int size) => size >= 4 || size <= 0 ? uint.MaxValue : (1u << (8 * size)) - 1;

    /// <summary>MSI: enabling maps a pirq; the message address's destination ID picks the vCPU.</summary>
    private async Task UpdateMsiAsync(PassThroughDevice device, List<string> notes)
    {
        var msi = device.MsiCapability!.Value;
        if (!device.MsiEnabled)
        {
            if (device.MsiPirq is { } old) await platform.UnmapPirq(Caller, Guest, old);
            device.MsiPirq = null;
            return;
        }

        if (device.MsiPirq is null)
        {
            var mapped = await platform.MapPirq(Caller, Guest, InterruptSource.ForMsi(device.Host.Address));
            if (!mapped.IsSuccess)
            {
                notes.Add($"{device.Host.Address}: MSI not routed: {mapped.Error.Message}");
                return;
            }

            device.MsiPirq = mapped.Value;
        }

        var destination = (int)((device.Config.Read(msi + 4, 4) >> 12) & 0xff);
        await TargetAsync(device, device.MsiPirq.Value, destination, notes);
    }

    /// <summary>MSI-X: every unmasked entry of an enabled table has a pirq aimed at its destination.</summary>
    private async Task UpdateMsixAsync(PassThroughDevice device, List<string> notes)
    {
        var table = device.Msix!;
        var enabled = device.MsixEnabled;
        for (var entry = 0; entry < table.EntryCount; entry++)
        {
            var wanted = enabled && !table.Masked(entry);
            var has = device.MsixPirqs.TryGetValue(entry, out var pirq);
            if (!wanted)
            {
                if (has && !enabled)
                {
                    await platform.UnmapPirq(Caller, Guest, pirq);
                    device.MsixPirqs.Remove(entry);
                }

                continue;
            }

            if (!has)
            {
                var mapped = await platform.MapPirq(Caller, Guest, InterruptSource.ForMsix(device.Host.Address, entry));
                if (!mapped.IsSuccess)
                {
                    notes.Add($"{device.Host.Address}: MSI-X entry {entry} not routed: {mapped.Error.Message}");
                    continue;
                }

                pirq = mapped.Value;
                device.MsixPirqs[entry] = pirq;
            }

            await TargetAsync(device, pirq, table.Destination(entry), notes);
        }
    }

    private async Task TargetAsync(PassThroughDevice device, int pirq, int vcpu, List<string> notes)
    {
        var set = await platform.SetInterruptTarget(Caller, Guest, pirq, vcpu);
        if (!set.IsSuccess) notes.Add($"{device.Host.Address}: interrupt stays on its previous vCPU: {set.Error.Message}");
    }

    /// <summary>
    /// PMCSR: the state the guest now sees is applied to the device (pci_set_power_state). VirtualConfigSpace
    /// already kept D1/D2 away from a device whose PMC lacks them; from D3hot only D0 is reachable.
    /// </summary>
    private void UpdatePower(PassThroughDevice device, int pm, List<string> notes)
    {
        var pmcsr = device.Config.Read(pm + PmcsrOffset, 2);
        var state = (int)(pmcsr & 3);
        if (state == device.PowerState) return;
        if (device.PowerState == 3 && state is 1 or 2)
        {
            device.Config.Write(pm + PmcsrOffset, 2, (pmcsr & ~3u) | 3u);
            notes.Add($"{device.Host.Address}: refused transition D3hot → D{state}: from D3hot a function can only go to D0");
            return;
        }

        var host = device.Host.Read(pm + PmcsrOffset, 2);
        device.Host.Write(pm + PmcsrOffset, 2, (host & ~0x8003u) | (uint)state);
        notes.Add($"{device.Host.Address}: power state {StateName(device.PowerState)} → {StateName(state)}");
        device.PowerState = state;
    }

    internal static string StateName(int state) => state == 3 ? "D3hot" : $"D{state}";
}
