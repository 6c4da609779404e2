namespace XenActors.Xen.Hvm;

/// <summary>The sub-systems an HVM attach or detach passes through (multi-function seed, figure 3).</summary>
public enum HotplugParticipant
{
    Xm,
    Xend,

    /// <summary>The stub domain hosting ioemu instead of dom0: xend reaches it through xenstore.</summary>
    StubDomain,

    /// <summary>The device model (qemu-xen / ioemu).</summary>
    Ioemu,
    Hypervisor,

    /// <summary>The guest's ACPI tables (hvmloader's DSDT): _E01, _EJ0, _OST.</summary>
    VirtualBios,

    /// <summary>A virtual PCIe root port's hot-plug slot (native hot-plug instead of ACPI).</summary>
    RootPort,
    GuestKernel,
}
