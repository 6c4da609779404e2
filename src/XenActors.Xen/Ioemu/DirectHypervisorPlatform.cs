using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// <see cref="IIoemuPlatform"/> straight over an in-process <see cref="XenHypervisor"/>, for pure unit
/// tests and the benchmark (a host uses <see cref="HypervisorActorPlatform"/> instead, so there is one
/// hypervisor). The hypervisor model is thread-confined, so every call (and every <see cref="Inspect{T}"/>)
/// takes one lock: several ioemu actors and the test thread can share it safely. Every call completes
/// synchronously. A stub domain may act only for the guest it was registered for (<see cref="RegisterDeviceModel"/>).
/// </summary>
public sealed class DirectHypervisorPlatform(XenHypervisor xen) : IIoemuPlatform
{
    private readonly Lock gate = new();
    private readonly DeviceModelPrivilege privilege = new();

    /// <summary>Lets <paramref name="stubDomain"/> issue device-model hypercalls for <paramref name="guest"/>.</summary>
    public void RegisterDeviceModel(int guest, int stubDomain)
    {
        lock (gate) privilege.Register(guest, stubDomain);
    }

    /// <summary>Reads (or changes) the hypervisor under the same lock the actors use.</summary>
    public T Inspect<T>(Func<XenHypervisor, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate) return read(xen);
    }

    public ValueTask<XenResult<PciFunctionInfo>> DescribeDevice(PciAddress device) => Run(x => x.GetDevice(device));

    public ValueTask<XenResult> TestAssignDevice(int caller, PciAddress device) => Run(x => x.TestAssignDevice(device));

    public ValueTask<XenResult> AssignDevice(int caller, int guest, PciAddress device) => Privileged(caller, guest, x => x.AssignDevice(device, guest));

    public ValueTask<XenResult> DeassignDevice(int caller, int guest, PciAddress device) => Privileged(caller, guest, x => x.DeassignDevice(device, guest));

    public ValueTask<XenResult> PermitIomem(int caller, int guest, long firstMfn, long count, bool allow) =>
        Privileged(caller, guest, x => x.PermitIomem(guest, firstMfn, count, allow));

    public ValueTask<XenResult> MapMmio(int caller, int guest, long firstGfn, long firstMfn, long count) =>
        Privileged(caller, guest, x => x.MapMmio(guest, firstGfn, firstMfn, count));

    public ValueTask<XenResult> UnmapMmio(int caller, int guest, long firstGfn, long count) =>
        Privileged(caller, guest, x => x.UnmapMmio(guest, firstGfn, count));

    public ValueTask<XenResult<ulong>> TranslateMmio(int guest, ulong guestPhysical) => Run(x => x.TranslateMmio(guest, guestPhysical));

    public ValueTask<XenResult> PermitIoports(int caller, int guest, int first, int count, bool allow) =>
        Privileged(caller, guest, x => x.PermitIoports(guest, first, count, allow));

    public ValueTask<XenResult> CheckIoport(int guest, int port, int size) => Run(x => x.CheckIoport(guest, port, size));

    public ValueTask<XenResult> PermitIrq(int caller, int guest, int gsi, bool allow) => Privileged(caller, guest, x => x.PermitIrq(guest, gsi, allow));

    public ValueTask<XenResult<int>> MapPirq(int caller, int guest, InterruptSource source)
    {
        lock (gate) return new(privilege.Authorize(caller, guest) is { } denied ? denied : xen.MapPirq(guest, source));
    }

    public ValueTask<XenResult<int>> FindPirq(int guest, InterruptSource source) => Run(x => x.FindPirq(guest, source));

    public ValueTask<XenResult> UnmapPirq(int caller, int guest, int pirq) => Privileged(caller, guest, x => x.UnmapPirq(guest, pirq));

    public ValueTask<XenResult> SetInterruptTarget(int caller, int guest, int pirq, int vcpu) =>
        Privileged(caller, guest, x => x.SetInterruptTarget(guest, pirq, vcpu));

    public ValueTask<XenResult<IReadOnlyList<InterruptDelivery>>> RaiseInterrupt(InterruptSource source) => Run(x => x.RaiseInterrupt(source));

    public ValueTask<XenResult<InterruptStats>> InterruptStats(int guest, int? pirq) => Run(x => x.GetInterruptStats(guest, pirq));

    public ValueTask<XenResult> DmaWrite(PciAddress device, ulong busAddress, ReadOnlyMemory<byte> data) => Run(x => x.DmaWrite(device, busAddress, data.Span));

    public ValueTask<XenResult<byte[]>> DmaRead(PciAddress device, ulong busAddress, int length) => Run(x => ReadByDma(x, device, busAddress, length));

    private static XenResult<byte[]> ReadByDma(XenHypervisor x, PciAddress device, ulong busAddress, int length)
    {
        var buffer = new byte[length];
        var read = x.DmaRead(device, busAddress, buffer);
        return read.IsSuccess ? buffer : read.Error;
    }

    private ValueTask<T> Run<T>(Func<XenHypervisor, T> call)
    {
        lock (gate) return new(call(xen));
    }

    private ValueTask<XenResult> Privileged(int caller, int guest, Func<XenHypervisor, XenResult> call)
    {
        lock (gate) return new(privilege.Authorize(caller, guest) is { } denied ? denied : call(xen));
    }
}
