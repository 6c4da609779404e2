using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Xend;

/// <summary>
/// xm create: domain, store home, guest kernel started; for an HVM guest also its device model (ioemu),
/// in dom0 or, with <see cref="DeviceModelStubdomain"/>, in a stub domain of its own. Answered with an <see cref="XmResult"/>.
/// </summary>
public sealed record XmCreate(string Name)
{
    /// <summary>builder = "hvm" makes an HVM guest.</summary>
    public DomainType Type { get; init; } = DomainType.Pv;

    /// <summary>device_model_stubdomain = 1: ioemu runs in "&lt;name&gt;-dm" instead of dom0.</summary>
    public bool DeviceModelStubdomain { get; init; }

    /// <summary>How the HVM guest learns of hot-plug: the virtual BIOS's ACPI GPE, or PCIe native hot-plug.</summary>
    public HotplugMode Hotplug { get; init; } = HotplugMode.Acpi;

    /// <summary>pci = [ ... ]: devices attached while the domain is built (PV: the initial connect, no Reconfiguring).</summary>
    public IReadOnlyList<string> Pci { get; init; } = [];
}
