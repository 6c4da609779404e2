namespace XenActors.Xen.Pci.Lspci;

/// <summary>
/// One device of an lspci hex dump: its header line (address and the description lspci printed)
/// and the configuration bytes (64, 256 or 4096 for -x, -xxx, -xxxx).
/// </summary>
public sealed class LspciDumpEntry
{
    public LspciDumpEntry(PciAddress address, bool domainShown, string description, ReadOnlySpan<byte> config)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (config.Length is not (64 or PciLimits.ConventionalConfigSize or PciLimits.ExtendedConfigSize))
        {
            throw new ArgumentException($"lspci dumps 64, 256 or 4096 bytes, not {config.Length}", nameof(config));
        }

        if (description.Contains('\n', StringComparison.Ordinal)) throw new ArgumentException("a description is one line", nameof(description));
        Address = address;
        DomainShown = domainShown;
        Description = description;
        Config = config.ToArray();
    }

    public PciAddress Address { get; }

    /// <summary>Whether the header line carried the domain (<c>0000:00:1d.0</c>) or not (<c>00:1d.0</c>).</summary>
    public bool DomainShown { get; }

    /// <summary>Everything after the address and its space, e.g. "Ethernet controller: ... (rev 01)".</summary>
    public string Description { get; }

    public IReadOnlyList<byte> Config { get; }

    public int Length => Config.Count;

    public PciFunction ToFunction(IReadOnlyDictionary<int, ulong>? barSizes = null) =>
        PciFunctionImport.FromConfigSpace(Address, Config.ToArray(), Description, barSizes);
}
