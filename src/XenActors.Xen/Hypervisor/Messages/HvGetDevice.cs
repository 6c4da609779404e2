using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>Who owns a function. Answered with <c>XenResult&lt;PciFunctionInfo&gt;</c>.</summary>
public sealed record HvGetDevice(PciAddress Device) : IHypervisorRequest;
