using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Ioemu;

/// <summary>ioemu's state for one passed-through function: its virtual config space and what it set up in the hypervisor.</summary>
internal sealed class PassThroughDevice(PciFunction host, PciAddress guest, int slot, VirtualConfigSpace config)
{
    public PciFunction Host { get; } = host;

    public PciAddress Guest { get; } = guest;

    public int Slot { get; } = slot;

    public VirtualConfigSpace Config { get; } = config;

    public ExtendedConfigSpace Extended { get; } = new(host);

    public MsixTable? Msix { get; } = host.FindCapability(PciCapabilityIds.MsiX) is { } cap ? new MsixTable(host, cap.Offset) : null;

    public int? MsiCapability { get; } = host.FindCapability(PciCapabilityIds.Msi)?.Offset;

    public int? PmCapability { get; } = host.FindCapability(PciCapabilityIds.PowerManagement)?.Offset;

    public bool IsExpress { get; } = host.FindCapability(PciCapabilityIds.PciExpress) is not null;

    /// <summary>The INTx line (GSI) and its pirq in the guest, when the function has an interrupt pin.</summary>
    public int? Gsi { get; set; }

    public int? IntxPirq { get; set; }

    public int? MsiPirq { get; set; }

    public Dictionary<int, int> MsixPirqs { get; } = [];

    /// <summary>Mapped guest frames per BAR: guest frame → machine frame.</summary>
    public Dictionary<int, Dictionary<long, long>> MemoryMaps { get; } = [];

    /// <summary>Decoded I/O BARs: guest port base, machine port base, length.</summary>
    public Dictionary<int, (int GuestBase, int HostBase, int Length)> IoMaps { get; } = [];

    /// <summary>PCI power state 0-3 (D0, D1, D2, D3hot) as last applied to the device.</summary>
    public int PowerState { get; set; }

    public bool MsiEnabled => MsiCapability is { } msi && (Config.Read(msi + 2, 2) & 1) != 0;

    public bool MsixEnabled => Msix is { } t && (Config.Read(t.Capability + 2, 2) & 0xc000) == 0x8000;

    public ushort GuestCommand => (ushort)Config.Read(PciConfigRegisters.Command, 2);
}
