using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// <see cref="IIoemuPlatform"/> as messages to the host's one <see cref="HypervisorActor"/>: ioemu's
/// hypercalls are serialized with pciback's and xend's, and device-model privilege (a stub domain acting
/// only for its guest) is checked there, where <see cref="HvSetDeviceModel"/> registered it.
/// </summary>
public sealed class HypervisorActorPlatform(IActorRef hypervisor, TimeSpan? timeout = null) : IIoemuPlatform
{
    private readonly HypervisorClient hv = new(hypervisor, timeout);

    public async ValueTask<XenResult<PciFunctionInfo>> DescribeDevice(PciAddress device) => await hv.CallAsync<PciFunctionInfo>(new HvGetDevice(device));

    public async ValueTask<XenResult> TestAssignDevice(int caller, PciAddress device) => await hv.CallAsync(new HvTestAssignDevice(device));

    public async ValueTask<XenResult> AssignDevice(int caller, int guest, PciAddress device) => await hv.CallAsync(new HvAssignDevice(device, guest, caller));

    public async ValueTask<XenResult> DeassignDevice(int caller, int guest, PciAddress device) => await hv.CallAsync(new HvDeassignDevice(device, guest, caller));

    public async ValueTask<XenResult> PermitIomem(int caller, int guest, long firstMfn, long count, bool allow) =>
        await hv.CallAsync(new HvPermitIomem(caller, guest, firstMfn, count, allow));

    public async ValueTask<XenResult> MapMmio(int caller, int guest, long firstGfn, long firstMfn, long count) =>
        await hv.CallAsync(new HvMapMmio(caller, guest, firstGfn, firstMfn, count));

    public async ValueTask<XenResult> UnmapMmio(int caller, int guest, long firstGfn, long count) =>
        await hv.CallAsync(new HvUnmapMmio(caller, guest, firstGfn, count));

    public async ValueTask<XenResult<ulong>> TranslateMmio(int guest, ulong guestPhysical) => await hv.CallAsync<ulong>(new HvTranslateMmio(guest, guestPhysical));

    public async ValueTask<XenResult> PermitIoports(int caller, int guest, int first, int count, bool allow) =>
        await hv.CallAsync(new HvPermitIoports(caller, guest, first, count, allow));

    public async ValueTask<XenResult> CheckIoport(int guest, int port, int size) => await hv.CallAsync(new HvCheckIoport(guest, port, size));

    public async ValueTask<XenResult> PermitIrq(int caller, int guest, int gsi, bool allow) => await hv.CallAsync(new HvPermitIrq(guest, gsi, allow, caller));

    public async ValueTask<XenResult<int>> MapPirq(int caller, int guest, InterruptSource source) => await hv.CallAsync<int>(new HvMapPirq(caller, guest, source));

    public async ValueTask<XenResult<int>> FindPirq(int guest, InterruptSource source) => await hv.CallAsync<int>(new HvFindPirq(guest, source));

    public async ValueTask<XenResult> UnmapPirq(int caller, int guest, int pirq) => await hv.CallAsync(new HvUnmapPirq(caller, guest, pirq));

    public async ValueTask<XenResult> SetInterruptTarget(int caller, int guest, int pirq, int vcpu) =>
        await hv.CallAsync(new HvSetInterruptTarget(caller, guest, pirq, vcpu));

    public async ValueTask<XenResult<IReadOnlyList<InterruptDelivery>>> RaiseInterrupt(InterruptSource source) =>
        await hv.CallAsync<IReadOnlyList<InterruptDelivery>>(new HvRaiseInterrupt(source));

    public async ValueTask<XenResult<InterruptStats>> InterruptStats(int guest, int? pirq) => await hv.CallAsync<InterruptStats>(new HvGetInterruptStats(guest, pirq));

    public async ValueTask<XenResult> DmaWrite(PciAddress device, ulong busAddress, ReadOnlyMemory<byte> data) =>
        await hv.CallAsync(new HvDmaWrite(device, busAddress, data.ToArray()));

    public async ValueTask<XenResult<byte[]>> DmaRead(PciAddress device, ulong busAddress, int length) => await hv.CallAsync<byte[]>(new HvDmaRead(device, busAddress, length));
}
