using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The hypercalls the device model makes, as a port. In a host they go to the one HypervisorActor
/// (<see cref="HypervisorActorPlatform"/>), so ioemu, pciback and xend see the same hypervisor; pure
/// unit tests and the benchmark use <see cref="DirectHypervisorPlatform"/>. Asynchronous because a
/// hypercall from a device model is a message to another actor; the direct platform completes at once.
/// <c>caller</c> is the domain ioemu runs in (dom0, or a stub domain that must be the registered
/// device model of <c>guest</c>). Called from the ioemu actor only, one call at a time per actor.
/// </summary>
public interface IIoemuPlatform
{
    ValueTask<XenResult<PciFunctionInfo>> DescribeDevice(PciAddress device);

    ValueTask<XenResult> TestAssignDevice(int caller, PciAddress device);

    ValueTask<XenResult> AssignDevice(int caller, int guest, PciAddress device);

    ValueTask<XenResult> DeassignDevice(int caller, int guest, PciAddress device);

    ValueTask<XenResult> PermitIomem(int caller, int guest, long firstMfn, long count, bool allow);

    ValueTask<XenResult> MapMmio(int caller, int guest, long firstGfn, long firstMfn, long count);

    ValueTask<XenResult> UnmapMmio(int caller, int guest, long firstGfn, long count);

    /// <summary>The machine address behind a guest MMIO address (what the guest's access really reaches).</summary>
    ValueTask<XenResult<ulong>> TranslateMmio(int guest, ulong guestPhysical);

    ValueTask<XenResult> PermitIoports(int caller, int guest, int first, int count, bool allow);

    /// <summary>A trapped IN/OUT forwarded to the machine port: allowed only inside the guest's permission.</summary>
    ValueTask<XenResult> CheckIoport(int guest, int port, int size);

    ValueTask<XenResult> PermitIrq(int caller, int guest, int gsi, bool allow);

    ValueTask<XenResult<int>> MapPirq(int caller, int guest, InterruptSource source);

    ValueTask<XenResult<int>> FindPirq(int guest, InterruptSource source);

    ValueTask<XenResult> UnmapPirq(int caller, int guest, int pirq);

    ValueTask<XenResult> SetInterruptTarget(int caller, int guest, int pirq, int vcpu);

    /// <summary>The physical device raised an interrupt; the hypervisor delivers it to whoever routes it.</summary>
    ValueTask<XenResult<IReadOnlyList<InterruptDelivery>>> RaiseInterrupt(InterruptSource source);

    ValueTask<XenResult<InterruptStats>> InterruptStats(int guest, int? pirq);

    /// <summary>The device writes memory by DMA at a bus address the IOMMU translates.</summary>
    ValueTask<XenResult> DmaWrite(PciAddress device, ulong busAddress, ReadOnlyMemory<byte> data);

    /// <summary>The device reads <paramref name="length"/> bytes by DMA.</summary>
    ValueTask<XenResult<byte[]>> DmaRead(PciAddress device, ulong busAddress, int length);
}
