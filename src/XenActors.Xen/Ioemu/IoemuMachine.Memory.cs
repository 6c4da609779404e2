using System.Globalization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

// MMIO and port I/O. A memory BAR the guest programmed and enabled is mapped guest frame → machine
// frame page by page (the seed's MMIO virtualization), except the MSI-X table's pages, which stay
// trapped. I/O BARs are not mapped: every IN/OUT traps and is forwarded to the machine port.
internal sealed partial class IoemuMachine
{
    private readonly Dictionary<ulong, uint> deviceMemory = [];
    private readonly Dictionary<int, uint> devicePorts = [];

    public async Task<MmioAccessReply> MmioAsync(ulong address, int size, bool write, uint value)
    {
        if (Options.Mmcfg && address >= Options.MmcfgBase && address < Options.MmcfgBase + IoemuOptions.MmcfgSize)
        {
            var offset = address - Options.MmcfgBase;
            var target = new PciAddress(0, (int)(offset >> 20) & 0xff, (int)(offset >> 15) & 0x1f, (int)(offset >> 12) & 7);
            var reg = (int)(offset & 0xfff);
            var reply = write ? await ConfigWriteAsync(target, reg, size, value, extended: true) : ConfigRead(target, reg, size, extended: true);
            return new MmioAccessReply(reply.Value, MmioTarget.ConfigSpace, null, reply.Notes);
        }

        foreach (var device in byGuest.Values)
        {
            if (device.Msix is not { } table || !MemoryDecoded(device)) continue;
            var bar = device.Config.Bars.FirstOrDefault(b => b.Index == table.Bar);
            if (bar is null || bar.GuestAddress == 0) continue;
            var start = bar.GuestAddress + table.Offset;
            if (address < start || address + (ulong)size > start + (ulong)table.Length) continue;
            var at = (int)(address - start);
            if (!write) return new MmioAccessReply(table.Read(at, size), MmioTarget.MsixTable, null, []);
            table.Write(at, size, value);
            var notes = new List<string>();
            await UpdateMsixAsync(device, notes);
            return new MmioAccessReply(0, MmioTarget.MsixTable, null, notes);
        }

        var translated = await platform.TranslateMmio(Guest, address);
        if (!translated.IsSuccess) return new MmioAccessReply(AllOnes(size), MmioTarget.Unassigned, null, []);
        var machine = translated.Value;
        if (byGuest.Values.FirstOrDefault(d => d.PowerState == 3 && OwnsMachineAddress(d, machine)) is { } sleeping)
        {
            return new MmioAccessReply(AllOnes(size), MmioTarget.PoweredDown, machine, [$"{sleeping.Host.Address} is in D3hot and does not decode memory"]);
        }

        if (write) deviceMemory[machine] = value;
        return new MmioAccessReply(write ? 0 : deviceMemory.GetValueOrDefault(machine), MmioTarget.Device, machine, []);
    }

    public async Task<PortAccessReply> PortAsync(int port, int size, bool write, uint value)
    {
        if (AcpiPciHotplug.IsRegisterPort(port)) return AcpiRegister(port, write, value);
        foreach (var device in byGuest.Values)
        {
            foreach (var (guestBase, hostBase, length) in device.IoMaps.Values)
            {
                if (port < guestBase || port + size > guestBase + length) continue;
                var machine = hostBase + (port - guestBase);
                var allowed = await platform.CheckIoport(Guest, machine, size);
                if (!allowed.IsSuccess) return new PortAccessReply(AllOnes(size), PortTarget.Unassigned, machine, allowed.Error.Message);
                if (write) devicePorts[machine] = value;
                return new PortAccessReply(write ? 0 : devicePorts.GetValueOrDefault(machine), PortTarget.Device, machine, null);
            }
        }

        return new PortAccessReply(AllOnes(size), PortTarget.Unassigned, null, null);
    }

    /// <summary>Hot-plug registers of mk_dsdt.c: PCIU/PCID read the bitmaps, B0EJ ejects, B0RM says which slots can go.</summary>
    private PortAccessReply AcpiRegister(int port, bool write, uint value)
    {
        switch (port)
        {
            case AcpiPciHotplug.PciuPort when !write:
                return new PortAccessReply(PciUp, PortTarget.AcpiHotplug, null, null);
            case AcpiPciHotplug.PcidPort when !write:
                return new PortAccessReply(PciDown, PortTarget.AcpiHotplug, null, null);
            case AcpiPciHotplug.B0rmPort when !write:
                return new PortAccessReply(slots.Keys.Aggregate(0u, (bits, s) => bits | (1u << s)), PortTarget.AcpiHotplug, null, null);
            case AcpiPciHotplug.B0ejPort when write:
                for (var s = AcpiPciHotplug.FirstSlot; s <= AcpiPciHotplug.LastSlot; s++)
                {
                    if ((value & (1u << s)) != 0) signals.Add(new MachineSignal(MachineSignalKind.EjectWritten, s));
                }

                return new PortAccessReply(0, PortTarget.AcpiHotplug, null, null);
            default:
                return new PortAccessReply(0, PortTarget.AcpiHotplug, null,
                    string.Create(CultureInfo.InvariantCulture, $"{(write ? "write to" : "read of")} hot-plug port 0x{port:x4} ignored"));
        }
    }

    /// <summary>Brings the hypervisor's page mappings and the I/O forwarding table in line with the guest's BARs and Command.</summary>
    private async Task RemapBarsAsync(PassThroughDevice device, List<string> notes)
    {
        var command = device.GuestCommand;
        foreach (var bar in device.Config.Bars)
        {
            var sizing = IsSizing(bar);
            if (bar.Kind == PciBarKind.Io)
            {
                if ((command & PciConfigRegisters.CommandIo) != 0 && bar.GuestAddress != 0 && !sizing)
                {
                    device.IoMaps[bar.Index] = ((int)bar.GuestAddress, (int)bar.HostAddress, (int)bar.EmulatedSize);
                }
                else
                {
                    device.IoMaps.Remove(bar.Index);
                }

                continue;
            }

            var wanted = new Dictionary<long, long>();
            if ((command & PciConfigRegisters.CommandMemory) != 0 && bar.GuestAddress != 0 && !sizing)
            {
                var trapped = device.Msix is { } t && t.Bar == bar.Index ? t.Pages.ToHashSet() : [];
                var pages = (long)(bar.EmulatedSize / PciLimits.PageSize);
                for (var p = 0L; p < pages; p++)
                {
                    if (!trapped.Contains(p)) wanted[(long)(bar.GuestAddress / PciLimits.PageSize) + p] = (long)(bar.HostAddress / PciLimits.PageSize) + p;
                }
            }

            var current = device.MemoryMaps.GetValueOrDefault(bar.Index) ?? [];
            foreach (var (gfn, mfn) in current.ToList())
            {
                if (wanted.TryGetValue(gfn, out var same) && same == mfn) continue;
                await platform.UnmapMmio(Caller, Guest, gfn, 1);
                current.Remove(gfn);
            }

            foreach (var (gfn, mfn) in wanted)
            {
                if (current.ContainsKey(gfn)) continue;
                var mapped = await platform.MapMmio(Caller, Guest, gfn, mfn, 1);
                if (mapped.IsSuccess) current[gfn] = mfn;
                else notes.Add(string.Create(CultureInfo.InvariantCulture, $"{device.Host.Address}: BAR {bar.Index} page at guest frame 0x{gfn:x} not mapped: {mapped.Error.Message}"));
            }

            device.MemoryMaps[bar.Index] = current;
        }
    }

    /// <summary>The guest wrote all ones to learn the size: the BAR holds no address yet.</summary>
    private static bool IsSizing(Pci.Virtualization.VirtualBar bar)
    {
        var mask = bar.Kind == PciBarKind.Io ? 0xffff_fffcUL : 0xffff_fff0UL;
        var low = bar.GuestAddress & 0xffff_ffffUL;
        return low == (mask & ~(bar.EmulatedSize - 1) & 0xffff_ffffUL);
    }

    private static bool MemoryDecoded(PassThroughDevice device) => (device.GuestCommand & PciConfigRegisters.CommandMemory) != 0;

    private static bool OwnsMachineAddress(PassThroughDevice device, ulong machine) =>
        device.Host.Bars.Any(b => b.IsMemory && machine >= b.Address && machine < b.Address + Math.Max(b.Size, (ulong)PciLimits.PageSize));
}
