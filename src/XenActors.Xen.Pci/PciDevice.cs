namespace XenActors.Xen.Pci;

/// <summary>A physical device (slot): the functions that share one bus/device number.</summary>
public sealed class PciDevice
{
    private readonly SortedDictionary<int, PciFunction> functions = [];

    public PciDevice(PciSlotAddress slot, IEnumerable<PciFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        Slot = slot;
        foreach (var f in functions)
        {
            if (f.Address.Slot != slot)
            {
                throw new ArgumentException($"function {f.Address} does not belong to slot {slot}", nameof(functions));
            }

            if (!this.functions.TryAdd(f.Address.Function, f))
            {
                throw new ArgumentException($"function {f.Address} given twice", nameof(functions));
            }
        }
    }

    public PciSlotAddress Slot { get; }

    /// <summary>The functions present, lowest function number first.</summary>
    public IReadOnlyList<PciFunction> Functions => [.. functions.Values];

    public IReadOnlyList<int> FunctionNumbers => [.. functions.Keys];

    /// <summary>Multi-function per the header type bit of function 0 (how a bus scan decides to probe 1-7).</summary>
    public bool IsMultiFunction => functions.TryGetValue(0, out var f0) ? f0.IsMultiFunction : functions.Count > 1;

    public PciFunction? this[int function] => functions.GetValueOrDefault(function);
}
