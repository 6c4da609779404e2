using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Drill;

/// <summary>
/// Puts a host's hypervisor log on its timeline lane (pause, unpause, log-dirty, device assignment, domain
/// life of guests; dom0's own boot is noise here). Event times are the hypervisor clock's offsets, turned back into instants from <paramref name="origin"/>.
/// </summary>
public sealed class HypervisorTimelineSink(DrillRecorder recorder, string host, DateTimeOffset origin) : IEventSink
{
    private static readonly HashSet<HypervisorEventKind> Shown =
    [
        HypervisorEventKind.DomainCreated,
        HypervisorEventKind.DomainPaused,
        HypervisorEventKind.DomainUnpaused,
        HypervisorEventKind.DomainDestroyed,
        HypervisorEventKind.DeviceAssigned,
        HypervisorEventKind.DeviceDeassigned,
        HypervisorEventKind.LogDirtyChanged,
    ];

    public void Upcall(int domid, int vcpu, int port)
    {
    }

    public void Logged(HypervisorEvent hypervisorEvent)
    {
        ArgumentNullException.ThrowIfNull(hypervisorEvent);
        if (Shown.Contains(hypervisorEvent.Kind) && hypervisorEvent.Domain != Protocol.DomainIds.Dom0)
        {
            recorder.Mark(DrillLanes.Hypervisor(host), origin + hypervisorEvent.At, $"d{hypervisorEvent.Domain}: {hypervisorEvent.Detail}");
        }
    }
}
