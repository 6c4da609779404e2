using XenActors.Xen.Hypervisor;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Ioemu;

/// <summary>
/// <see cref="IIoemuPlatform"/> straight over an in-process <see cref="XenHypervisor"/>, for tests,
/// benchmarks and embedded runs before the HypervisorActor is wired in. The hypervisor model is
/// thread-confined, so every call (and every <see cref="Inspect{T}"/>) takes one lock: several ioemu
/// actors and the test thread can share a host safely. A stub domain may act only for the guest it
/// was registered for (<see cref="RegisterDeviceModel"/>), as XSM's device-model privilege allows.
/// </summary>
public sealed class DirectHypervisorPlatform(XenHypervisor xen) : IIoemuPlatform
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, int> deviceModels = [];

    /// <summary>Lets <paramref name="stubDomain"/> issue device-model hypercalls for <paramref name="guest"/>.</summary>
    public void RegisterDeviceModel(int guest, int stubDomain)
    {
        lock (gate) deviceModels[guest] = stubDomain;
    }

    /// <summary>Reads (or changes) the hypervisor under the same lock the actors use.</summary>
    public T Inspect<T>(Func<XenHypervisor, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate) return read(xen);
    }

    public XenResult<PciFunctionInfo> DescribeDevice(Sbdf device)
    {
        lock (gate) return xen.GetDevice(device);
    }

    public XenResult TestAssignDevice(int caller, Sbdf device)
    {
        lock (gate) return xen.TestAssignDevice(device);
    }

    public XenResult AssignDevice(int caller, int guest, Sbdf device)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.AssignDevice(device, guest);
    }

    public XenResult DeassignDevice(int caller, int guest, Sbdf device)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.DeassignDevice(device, guest);
    }

    public XenResult PermitIomem(int caller, int guest, long firstMfn, long count, bool allow)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.PermitIomem(guest, firstMfn, count, allow);
    }

    public XenResult MapMmio(int caller, int guest, long firstGfn, long firstMfn, long count)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.MapMmio(guest, firstGfn, firstMfn, count);
    }

    public XenResult UnmapMmio(int caller, int guest, long firstGfn, long count)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.UnmapMmio(guest, firstGfn, count);
    }

    public XenResult<ulong> TranslateMmio(int guest, ulong guestPhysical)
    {
        lock (gate) return xen.TranslateMmio(guest, guestPhysical);
    }

    public XenResult PermitIoports(int caller, int guest, int first, int count, bool allow)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.PermitIoports(guest, first, count, allow);
    }

    public XenResult CheckIoport(int guest, int port, int size)
    {
        lock (gate) return xen.CheckIoport(guest, port, size);
    }

    public XenResult PermitIrq(int caller, int guest, int gsi, bool allow)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.PermitIrq(guest, gsi, allow);
    }

    public XenResult<int> MapPirq(int caller, int guest, InterruptSource source)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.MapPirq(guest, source);
    }

    public XenResult<int> FindPirq(int guest, InterruptSource source)
    {
        lock (gate) return xen.FindPirq(guest, source);
    }

    public XenResult UnmapPirq(int caller, int guest, int pirq)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.UnmapPirq(guest, pirq);
    }

    public XenResult SetInterruptTarget(int caller, int guest, int pirq, int vcpu)
    {
        lock (gate) return Authorize(caller, guest) is { } denied ? denied : xen.SetInterruptTarget(guest, pirq, vcpu);
    }

    public XenResult<IReadOnlyList<InterruptDelivery>> RaiseInterrupt(InterruptSource source)
    {
        lock (gate) return xen.RaiseInterrupt(source);
    }

    public XenResult<InterruptStats> InterruptStats(int guest, int? pirq)
    {
        lock (gate) return xen.GetInterruptStats(guest, pirq);
    }

    public XenResult DmaWrite(Sbdf device, ulong busAddress, ReadOnlySpan<byte> data)
    {
        lock (gate) return xen.DmaWrite(device, busAddress, data);
    }

    public XenResult DmaRead(Sbdf device, ulong busAddress, Span<byte> destination)
    {
        lock (gate) return xen.DmaRead(device, busAddress, destination);
    }

    private XenError? Authorize(int caller, int guest) =>
        caller == DomainIds.Dom0 || (deviceModels.TryGetValue(guest, out var dm) && dm == caller)
            ? null
            : new XenError(Errno.EPERM, $"domain {caller} is not the device model of domain {guest}");
}
