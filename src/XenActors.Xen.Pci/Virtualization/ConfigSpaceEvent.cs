namespace XenActors.Xen.Pci.Virtualization;

/// <summary>A warning the emulator recorded (QEMU logs these through XEN_PT_WARN/XEN_PT_ERR).</summary>
public sealed record ConfigSpaceEvent(ConfigSpaceEventKind Kind, int Offset, string Message);
