namespace XenActors.Xen.Hvm;

/// <summary>Virtual BIOS → ioemu: the guest reported a successful insertion with _OST.</summary>
public sealed record AcpiInsertionAcknowledged(int Slot, HotplugTrail Trail);
