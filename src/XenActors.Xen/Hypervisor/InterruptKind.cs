namespace XenActors.Xen.Hypervisor;

/// <summary>Where a physical interrupt comes from.</summary>
public enum InterruptKind
{
    /// <summary>A line interrupt (INTx through the IO-APIC), identified by its GSI.</summary>
    Gsi,

    Msi,

    MsiX,
}
