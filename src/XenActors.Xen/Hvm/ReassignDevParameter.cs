using System.Globalization;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Hvm;

/// <summary>
/// The dom0 boot parameter of the seed's Enhancement 1 (<c>reassigndev=0000:00:1d.0[,...]</c>): at boot
/// dom0 Linux releases the BIOS's MMIO resources of the listed functions and gives each non-page-aligned
/// memory BAR a page-aligned address above every other BAR, so the function can be passed through.
/// </summary>
public sealed class ReassignDevParameter
{
    public const string Name = "reassigndev";

    private ReassignDevParameter(IReadOnlyList<PciAddress> devices) => Devices = devices;

    public IReadOnlyList<PciAddress> Devices { get; }

    /// <summary>Parses <c>reassigndev=A[,B...]</c> out of a kernel command line; none when absent.</summary>
    public static ReassignDevParameter Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var devices = new List<PciAddress>();
        foreach (var word in commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!word.StartsWith(Name + "=", StringComparison.Ordinal)) continue;
            foreach (var item in word[(Name.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                devices.Add(PciAddress.TryParse(item, out var a) ? a : throw new FormatException($"{Name}: malformed PCI address '{item}'"));
            }
        }

        return new ReassignDevParameter(devices);
    }

    /// <summary>Moves the listed functions' non-page-aligned memory BARs; returns what moved, as dom0 would log it.</summary>
    public IReadOnlyList<string> Apply(PciInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var moves = new List<string>();
        var next = inventory.Functions.SelectMany(f => f.Bars).Where(b => b.IsMemory && !b.Is64Bit)
            .Select(b => b.Address + b.Size).DefaultIfEmpty(0xf000_0000UL).Max();
        foreach (var address in Devices)
        {
            if (!inventory.TryGet(address, out var function)) continue;
            foreach (var bar in function.Bars.Where(b => !b.IsPageAligned))
            {
                next = (next + PciLimits.PageSize - 1) / PciLimits.PageSize * PciLimits.PageSize;
                function.Write(PciConfigRegisters.BaseAddress0 + 4 * bar.Index, 4, (uint)next | bar.Flags);
                moves.Add(string.Create(CultureInfo.InvariantCulture, $"pci {address}: BAR {bar.Index} reassigned {bar.Address:x8} → {next:x8}"));
                next += Math.Max(bar.Size, (ulong)PciLimits.PageSize);
            }
        }

        return moves;
    }
}
