namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// The <c>,key=value</c> options of a PCI_SPEC_STRING. Null means "not given" (libxl then applies
/// its defaults), so a spec formats back exactly as much as it said.
/// </summary>
public sealed record PciSpecOptions
{
    public static PciSpecOptions None { get; } = new();

    public int? Permissive { get; init; }

    public int? MsiTranslate { get; init; }

    public int? PowerMgmt { get; init; }

    public int? Seize { get; init; }

    public RdmPolicy? RdmPolicy { get; init; }

    /// <summary>The name given to the device by <c>pci-assignable-add -n</c>; used instead of a BDF.</summary>
    public string? Name { get; init; }

    /// <summary>libxl's effective rdm_policy when none is given.</summary>
    public RdmPolicy EffectiveRdmPolicy => RdmPolicy ?? Spec.RdmPolicy.Strict;
}
