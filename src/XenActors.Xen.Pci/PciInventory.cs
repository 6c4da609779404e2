namespace XenActors.Xen.Pci;

/// <summary>
/// The PCI functions of one emulated host, keyed by address. Immutable after construction so that
/// actors can share it; build a new one to change the hardware.
/// </summary>
public sealed class PciInventory
{
    private readonly SortedDictionary<PciAddress, PciFunction> functions = [];

    public PciInventory(IEnumerable<PciFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var f in functions)
        {
            if (!this.functions.TryAdd(f.Address, f))
            {
                throw new ArgumentException($"PCI function {f.Address} appears twice in the inventory", nameof(functions));
            }
        }
    }

    public static PciInventory Empty { get; } = new(Array.Empty<PciFunction>());

    public PciInventory(IEnumerable<PciDevice> devices)
        : this((devices ?? throw new ArgumentNullException(nameof(devices))).SelectMany(d => d.Functions))
    {
    }

    /// <summary>Every function, in address order.</summary>
    public IReadOnlyList<PciFunction> Functions => [.. functions.Values];

    public int Count => functions.Count;

    /// <summary>(domain, bus) pairs that have at least one function, in order.</summary>
    public IReadOnlyList<(int Domain, int Bus)> Buses =>
        [.. functions.Keys.Select(a => (a.Domain, a.Bus)).Distinct()];

    /// <summary>Every slot, grouped, in address order.</summary>
    public IReadOnlyList<PciDevice> Devices =>
        [.. functions.Values.GroupBy(f => f.Address.Slot).Select(g => new PciDevice(g.Key, g))];

    public bool Contains(PciAddress address) => functions.ContainsKey(address);

    public bool TryGet(PciAddress address, out PciFunction function) =>
        functions.TryGetValue(address, out function!);

    public PciFunction Get(PciAddress address) =>
        functions.TryGetValue(address, out var f)
            ? f
            : throw new KeyNotFoundException($"no PCI function {address} on this host");

    /// <summary>The functions present in one slot, lowest first (empty when the slot is empty).</summary>
    public IReadOnlyList<PciFunction> SlotFunctions(PciSlotAddress slot)
    {
        var list = new List<PciFunction>();
        for (var fn = 0; fn <= PciLimits.MaxFunction; fn++)
        {
            if (functions.TryGetValue(slot.Function(fn), out var f)) list.Add(f);
        }

        return list;
    }

    public PciDevice? Device(PciSlotAddress slot)
    {
        var fs = SlotFunctions(slot);
        return fs.Count == 0 ? null : new PciDevice(slot, fs);
    }

    public PciInventory With(IEnumerable<PciFunction> more) => new(functions.Values.Concat(more));
}
