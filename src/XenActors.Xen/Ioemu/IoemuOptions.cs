using XenActors.Xen.Hvm;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Ioemu;

/// <summary>One HVM guest's device model.</summary>
public sealed record IoemuOptions(int GuestDomid)
{
    /// <summary>
    /// Where ioemu runs: null for dom0, else the stub domain's id (the seed's "I/O pass-through using
    /// stub domain"). Its hypercalls then carry that domain as caller, and xend reaches it through one more hop.
    /// </summary>
    public int? StubDomainId { get; init; }

    public bool InStubDomain => StubDomainId is not null;

    /// <summary>The domain ioemu acts as.</summary>
    public int DeviceModelDomid => StubDomainId ?? DomainIds.Dom0;

    public HotplugMode Hotplug { get; init; } = HotplugMode.Acpi;

    /// <summary>Serve the memory-mapped config window (PCIe MMCFG) so 0x100-0xFFF is reachable.</summary>
    public bool Mmcfg { get; init; } = true;

    /// <summary>Guest-physical base of the MMCFG window (256 buses × 1 MiB).</summary>
    public ulong MmcfgBase { get; init; } = 0xe000_0000;

    /// <summary>Bus-0 slots the emulated devices occupy (host bridge, PIIX3, VGA, Xen platform device).</summary>
    public IReadOnlySet<int> ReservedSlots { get; init; } = new HashSet<int> { 0, 1, 2, 3 };

    /// <summary>How long the guest has to acknowledge an insertion (libxl waits 10 s for the device model).</summary>
    public TimeSpan AttachTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the guest has to eject before the detach fails and the device stays.</summary>
    public TimeSpan DetachTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public const ulong MmcfgSize = 256UL << 20;
}
