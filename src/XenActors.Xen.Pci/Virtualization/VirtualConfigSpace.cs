using System.Globalization;
using XenActors.Xen.Pci.Lspci;

namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// The guest's view of a passed-through function's configuration space (QEMU xen_pt for HVM; the
/// same rules as pciback's filter for PV). Reads merge emulated bits over the device's; writes update
/// emulated bits and pass only the allowed bits to the device. Hidden capabilities vanish from the
/// chain; BARs are virtual (the guest programs its own addresses, the device's are never written).
/// Not thread-safe: one owner (an actor) serialises accesses, as QEMU's device lock does.
/// </summary>
public sealed class VirtualConfigSpace
{
    private const ushort PmcD1Support = 0x0200;
    private const ushort PmcD2Support = 0x0400;
    private readonly List<VirtualRegisterGroup> groups;
    private readonly List<ConfigSpaceEvent> events = [];
    private bool inhibitedLogged;
    private bool permissiveLogged;

    public VirtualConfigSpace(PciFunction host, VirtualConfigSpaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        Options = options ?? VirtualConfigSpaceOptions.Default;
        groups = VirtualRegisterLayout.Build(host);
    }

    public PciFunction Host { get; }

    public VirtualConfigSpaceOptions Options { get; }

    public IReadOnlyList<ConfigSpaceEvent> Events => events;

    public IReadOnlyList<RegisterGroupView> Groups =>
        [.. groups.Select(g => new RegisterGroupView(g.Info.Name, g.Info.CapabilityId, g.Info.Type, g.Base, g.Size))];

    /// <summary>The capability chain the guest walks (hidden capabilities relinked away).</summary>
    public IReadOnlyList<PciCapability> GuestCapabilities => PciFunction.WalkCapabilities(GuestView(PciLimits.ConventionalConfigSize));

    /// <summary>The implemented BARs with the guest's programmed address beside the host's.</summary>
    public IReadOnlyList<VirtualBar> Bars
    {
        get
        {
            var header = groups[0];
            var list = new List<VirtualBar>();
            foreach (var bar in Host.Bars)
            {
                if (header.Find(PciConfigRegisters.BaseAddress0 + 4 * bar.Index) is not { } low) continue;
                ulong guest = low.Data & low.Emu;
                if (bar.Is64Bit && header.Find(PciConfigRegisters.BaseAddress0 + 4 * (bar.Index + 1)) is { } high)
                {
                    guest |= (ulong)high.Data << 32;
                }

                list.Add(new VirtualBar(bar.Index, bar.Kind, bar.Address, guest, VirtualRegisterLayout.EmulatedSize(Host.BarDefinitions[bar.Index]!)));
            }

            return list;
        }
    }

    /// <summary>A guest read; a rejected access reads all ones (a master abort) and is recorded.</summary>
    public uint Read(int offset, int size) =>
        TryRead(offset, size, out var value) == ConfigAccessResult.Ok ? value : (size == 4 ? uint.MaxValue : (1u << (Math.Clamp(size, 1, 4) * 8)) - 1);

    public ConfigAccessResult TryRead(int offset, int size, out uint value)
    {
        value = 0;
        var check = Check(offset, size, "read");
        if (check != ConfigAccessResult.Ok) return check;
        value = ReadCore(offset, size);
        return ConfigAccessResult.Ok;
    }

    public ConfigAccessResult Write(int offset, int size, uint value)
    {
        var check = Check(offset, size, "write");
        if (check != ConfigAccessResult.Ok) return check;
        if (FindGroup(offset) is { Info.Type: RegisterGroupType.Hardwired } hidden)
        {
            Record(ConfigSpaceEventKind.HardwiredWriteIgnored, offset, $"Access to 0-Hardwired register {hidden.Info.Name} at 0x{offset:x2} ignored");
            return ConfigAccessResult.Ok;
        }

        WarnUnusedBar(offset, size, value);
        var writeBack = new bool[size];
        var device = new byte[size];
        for (var i = 0; i < size;)
        {
            var address = offset + i;
            var reg = FindGroup(address)?.Find(address);
            if (reg is null)
            {
                UnknownByte(address, (byte)(value >> (8 * i)), writeBack, device, i);
                i++;
                continue;
            }

            i = WriteRegister(reg, offset, size, value, writeBack, device);
        }

        for (var i = 0; i < size; i++)
        {
            if (writeBack[i]) Host.Write(offset + i, 1, device[i]);
        }

        return ConfigAccessResult.Ok;
    }

    /// <summary>The guest-visible bytes, read without access checks (for dumps and chain walks).</summary>
    public byte[] GuestView(int length = PciLimits.ConventionalConfigSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, PciLimits.ExtendedConfigSize);
        var bytes = new byte[length];
        for (var off = 0; off < length; off += 4)
        {
            var v = ReadCore(off, 4);
            for (var k = 0; k < 4 && off + k < length; k++) bytes[off + k] = (byte)(v >> (8 * k));
        }

        return bytes;
    }

    /// <summary>The guest view as an lspci -xxx entry at the guest's address, for the real lspci to decode.</summary>
    public LspciDumpEntry ToLspciEntry(PciAddress guestAddress) =>
        new(guestAddress, guestAddress.Domain != 0, PciNames.Describe(Host), GuestView(PciLimits.ConventionalConfigSize));

    private uint ReadCore(int offset, int size)
    {
        if (offset >= PciLimits.ConventionalConfigSize) return Host.Read(offset, size); // extended space: pass-through (PV only)
        if (FindGroup(offset) is { Info.Type: RegisterGroupType.Hardwired }) return 0;
        uint result = 0;
        for (var i = 0; i < size;)
        {
            var address = offset + i;
            var reg = FindGroup(address)?.Find(address);
            if (reg is null)
            {
                result |= Host.Read(address, 1) << (8 * i);
                i++;
                continue;
            }

            var valid = ValidMask(reg, offset, size);
            var emu = reg.Emu & valid;
            var merged = (HostValue(reg) & ~emu) | (reg.Data & emu);
            for (; i < size && reg.Covers(offset + i); i++)
            {
                result |= ((merged >> (8 * (offset + i - reg.Offset))) & 0xff) << (8 * i);
            }
        }

        return result;
    }

    private int WriteRegister(VirtualRegister reg, int offset, int size, uint value, bool[] writeBack, byte[] device)
    {
        var info = reg.Info;
        var valid = ValidMask(reg, offset, size);
        var shift = 8 * (reg.Offset - offset);
        var val = shift >= 0 ? value >> shift : value << -shift;
        var host = HostValue(reg);

        if (info.Kind == RegisterKind.PowerControl) val = CheckPowerState(reg, val, valid);
        var writable = (info.Kind == RegisterKind.Command ? ~reg.Ro : reg.Emu & ~reg.Ro) & valid;
        reg.Data = (val & writable) | (reg.Data & ~writable);

        var through = ~(reg.Emu | reg.Ro) & valid;
        if (!Options.Permissive) through &= ~info.ResMask;
        if (info.Kind == RegisterKind.Command && ((val & PciConfigRegisters.CommandIntxDisable) != 0 || Host.InterruptPin != 0))
        {
            through |= PciConfigRegisters.CommandIntxDisable & valid; // QEMU: the guest sets it, or a machine IRQ exists
        }

        var toDevice = (val & through) | (host & ~info.Rw1cMask & ~through);
        var covered = reg.Emu | reg.Ro | (Options.Permissive ? 0 : info.ResMask);
        var skip = info.Kind == RegisterKind.Bar || (covered & info.WidthMask) == info.WidthMask;

        var i = Math.Max(0, reg.Offset - offset);
        for (; i < size && reg.Covers(offset + i); i++)
        {
            writeBack[i] = !skip;
            device[i] = (byte)(toDevice >> (8 * (offset + i - reg.Offset)));
        }

        return i;
    }

    /// <summary>PMCSR: keep the old power state when the device lacks the D1/D2 state asked for.</summary>
    private uint CheckPowerState(VirtualRegister reg, uint val, uint valid)
    {
        if ((valid & 0x3) == 0) return val;
        var requested = val & 0x3;
        var pmc = Host.Read(reg.Offset - 2, 2);
        var unsupported = (requested == 1 && (pmc & PmcD1Support) == 0) || (requested == 2 && (pmc & PmcD2Support) == 0);
        if (!unsupported) return val;
        Record(ConfigSpaceEventKind.PowerStateRefused, reg.Offset, $"{Host.Address}: refused transition to D{requested}: PMC says the device does not support D{requested}");
        return (val & ~0x3u) | (reg.Data & 0x3);
    }

    private void UnknownByte(int address, byte value, bool[] writeBack, byte[] device, int i)
    {
        var isBar = address is >= PciConfigRegisters.BaseAddress0 and < PciConfigRegisters.BaseAddress0 + 4 * PciConfigRegisters.BarCount;
        if (Options.Permissive)
        {
            writeBack[i] = true;
            device[i] = value;
            if (!permissiveLogged)
            {
                permissiveLogged = true;
                Record(ConfigSpaceEventKind.PermissiveWritePassedThrough, address, $"{Host.Address}: permissive mode: write to unknown field 0x{address:x2} passed to the device (unsafe)");
            }

            return;
        }

        if (!inhibitedLogged && !isBar)
        {
            inhibitedLogged = true;
            Record(ConfigSpaceEventKind.WriteInhibited, address, string.Create(CultureInfo.InvariantCulture,
                $"{Host.Address}: Write-back to unknown field 0x{address:x2} (partially) inhibited (0x{value:x2}). If the device doesn't work, try enabling permissive mode (unsafe) and if it helps report the problem to xen-devel"));
        }
    }

    private void WarnUnusedBar(int offset, int size, uint value)
    {
        if (size != 4 || value == 0 || value == uint.MaxValue) return;
        if (offset is < PciConfigRegisters.BaseAddress0 or > PciConfigRegisters.BaseAddress5) return;
        if (groups[0].Find(offset) is not null) return;
        Record(ConfigSpaceEventKind.UnusedBarWrite, offset, $"{Host.Address}: Guest attempt to set address to unused Base Address Register (offset 0x{offset:x2})");
    }

    private ConfigAccessResult Check(int offset, int size, string what)
    {
        ConfigAccessResult result;
        var limit = Options.ServeExtendedSpace ? PciLimits.ExtendedConfigSize : PciLimits.ConventionalConfigSize;
        if (size is not (1 or 2 or 4)) result = ConfigAccessResult.InvalidSize;
        else if (offset < 0 || offset + size > limit || (Options.QemuAddressCheck && !Options.ServeExtendedSpace && offset >= 0xff)) result = ConfigAccessResult.OutOfRange;
        else if (offset % size != 0) result = ConfigAccessResult.Misaligned;
        else return ConfigAccessResult.Ok;
        Record(ConfigSpaceEventKind.AccessRejected, offset, $"{Host.Address}: config {what} of {size} byte(s) at 0x{offset:x} rejected: {result}");
        return result;
    }

    private VirtualRegisterGroup? FindGroup(int address) => groups.Find(g => g.Contains(address));

    private uint HostValue(VirtualRegister reg) => Host.Read(reg.Offset, reg.Info.Size);

    /// <summary>The register's bits that lie inside the access [offset, offset+size).</summary>
    private static uint ValidMask(VirtualRegister reg, int offset, int size)
    {
        uint valid = 0;
        for (var b = 0; b < reg.Info.Size; b++)
        {
            var address = reg.Offset + b;
            if (address >= offset && address < offset + size) valid |= 0xffu << (8 * b);
        }

        return valid;
    }

    private void Record(ConfigSpaceEventKind kind, int offset, string message) => events.Add(new ConfigSpaceEvent(kind, offset, message));
}
