namespace XenActors.Xen.Hypervisor;

/// <summary>What a <see cref="HypervisorEvent"/> records.</summary>
public enum HypervisorEventKind
{
    DomainCreated,
    DomainPaused,
    DomainUnpaused,
    DomainDying,
    DomainDestroyed,
    EventChannelClosed,
    GrantRevoked,
    GrantMappingReleased,
    DeviceRegistered,
    DeviceAssigned,
    DeviceDeassigned,
    IommuFault,
    MmioMapped,
    MmioUnmapped,
    PermissionChanged,
    InterruptRouted,
    InterruptUnrouted,
    InterruptLost,
    LogDirtyChanged,
}
