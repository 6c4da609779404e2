namespace XenActors.Xen.Pci.Configuration;

// The JSON shape bound by PciInventoryConfig (see that class for the documented example).
internal sealed class InventoryDocument
{
    public List<PresetDocument>? Presets { get; set; }

    public List<FunctionDocument>? Functions { get; set; }

    public List<string>? LspciDumps { get; set; }
}

internal sealed class PresetDocument
{
    public string? Kind { get; set; }

    public string? Slot { get; set; }

    public bool NonPageAlignedMmioBar { get; set; }
}

internal sealed class FunctionDocument
{
    public string? Address { get; set; }

    public string? Vendor { get; set; }

    public string? Device { get; set; }

    public string? Class { get; set; }

    public string? Revision { get; set; }

    public string? SubsystemVendor { get; set; }

    public string? Subsystem { get; set; }

    public string? Name { get; set; }

    public bool MultiFunction { get; set; }

    public int InterruptPin { get; set; }

    public List<BarDocument>? Bars { get; set; }

    public List<CapabilityDocument>? Capabilities { get; set; }

    public List<CapabilityDocument>? ExtendedCapabilities { get; set; }
}

internal sealed class BarDocument
{
    public int Index { get; set; }

    public string? Kind { get; set; }

    public string? Size { get; set; }

    public string? Address { get; set; }

    public bool Prefetchable { get; set; }
}

internal sealed class CapabilityDocument
{
    public string? Type { get; set; }

    public bool D1 { get; set; }

    public bool D2 { get; set; }

    public int Vectors { get; set; } = 1;

    public bool Is64Bit { get; set; } = true;

    public bool PerVectorMask { get; set; }

    public int TableSize { get; set; }

    public int TableBar { get; set; }

    public string? TableOffset { get; set; }

    public int PbaBar { get; set; }

    public string? PbaOffset { get; set; }

    public int Version { get; set; } = 2;

    public bool Flr { get; set; } = true;

    public int Length { get; set; } = 8;

    public string? Id { get; set; }

    public string? Serial { get; set; }
}
