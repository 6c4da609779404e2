namespace XenActors.Xen.Hvm;

/// <summary>Guest kernel → virtual BIOS: _OST(source event, status), the OS's acknowledgement of a notification.</summary>
public sealed record AcpiOst(int Slot, int SourceEvent, int Status, HotplugTrail Trail);
