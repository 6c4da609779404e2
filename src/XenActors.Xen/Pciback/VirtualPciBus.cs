using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pciback;

/// <summary>
/// pciback's vpci bus for one guest: bus 0000:00, 32 slots, functions at the virtual devfn the
/// toolstack chose (vdevfn-N, 0 when absent). Config accesses go through each function's
/// <see cref="VirtualConfigSpace"/>, the same filter the device model uses.
/// </summary>
public sealed class VirtualPciBus
{
    private readonly SortedDictionary<int, ExportedFunction> _byDevfn = [];

    public IReadOnlyCollection<ExportedFunction> Functions => _byDevfn.Values;

    public ExportedFunction? Find(uint domain, uint bus, uint devfn) =>
        domain == 0 && bus == 0 && _byDevfn.TryGetValue((int)devfn, out var f) ? f : null;

    public ExportedFunction? FindPhysical(PciAddress physical) => _byDevfn.Values.FirstOrDefault(f => f.Physical == physical);

    /// <summary>Exports <paramref name="function"/>; null and <paramref name="error"/> if it cannot be.</summary>
    public ExportedFunction? Export(PciFunction function, string key, int virtualDevfn, bool permissive, out string? error)
    {
        error = null;
        if (FindPhysical(function.Address) is { } existing)
            return existing;
        if ((function.HeaderType & 0x7f) == 1)
        {
            error = "Can't export bridges on the virtual PCI bus";
            return null;
        }
        if (_byDevfn.ContainsKey(virtualDevfn))
        {
            error = FormattableString.Invariant($"Couldn't locate PCI device ({function.Address})! perhaps already in-use?");
            return null;
        }
        var exported = new ExportedFunction(function.Address, virtualDevfn, key,
            new VirtualConfigSpace(function, new VirtualConfigSpaceOptions { Permissive = permissive }));
        _byDevfn[virtualDevfn] = exported;
        return exported;
    }

    public ExportedFunction? Remove(int virtualDevfn) => _byDevfn.Remove(virtualDevfn, out var f) ? f : null;

    public void Clear() => _byDevfn.Clear();
}
