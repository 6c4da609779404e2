using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// The hypercalls the device model makes, as a port: the lead wires it to the HypervisorActor;
/// tests and benchmarks use <see cref="DirectHypervisorPlatform"/>. <c>caller</c> is the domain ioemu
/// runs in (dom0, or a stub domain that must be the registered device model of <c>guest</c>).
/// Implementations are called from the ioemu actor only, one call at a time per actor.
/// </summary>
public interface IIoemuPlatform
{
    XenResult<PciFunctionInfo> DescribeDevice(Sbdf device);

    XenResult TestAssignDevice(int caller, Sbdf device);

    XenResult AssignDevice(int caller, int guest, Sbdf device);

    XenResult DeassignDevice(int caller, int guest, Sbdf device);

    XenResult PermitIomem(int caller, int guest, long firstMfn, long count, bool allow);

    XenResult MapMmio(int caller, int guest, long firstGfn, long firstMfn, long count);

    XenResult UnmapMmio(int caller, int guest, long firstGfn, long count);

    /// <summary>The machine address behind a guest MMIO address (what the guest's access really reaches).</summary>
    XenResult<ulong> TranslateMmio(int guest, ulong guestPhysical);

    XenResult PermitIoports(int caller, int guest, int first, int count, bool allow);

    /// <summary>A trapped IN/OUT forwarded to the machine port: allowed only inside the guest's permission.</summary>
    XenResult CheckIoport(int guest, int port, int size);

    XenResult PermitIrq(int caller, int guest, int gsi, bool allow);

    XenResult<int> MapPirq(int caller, int guest, InterruptSource source);

    XenResult<int> FindPirq(int guest, InterruptSource source);

    XenResult UnmapPirq(int caller, int guest, int pirq);

    XenResult SetInterruptTarget(int caller, int guest, int pirq, int vcpu);

    /// <summary>The physical device raised an interrupt; the hypervisor delivers it to whoever routes it.</summary>
    XenResult<IReadOnlyList<InterruptDelivery>> RaiseInterrupt(InterruptSource source);

    XenResult<InterruptStats> InterruptStats(int guest, int? pirq);

    /// <summary>The device writes memory by DMA at a bus address the IOMMU translates.</summary>
    XenResult DmaWrite(Sbdf device, ulong busAddress, ReadOnlySpan<byte> data);

    XenResult DmaRead(Sbdf device, ulong busAddress, Span<byte> destination);
}
