namespace XenActors.Xen.Hvm;

/// <summary>Guest kernel → virtual BIOS: evaluate the slot's _EJ0 (the guest let go of the device).</summary>
public sealed record AcpiEject(int Slot, HotplugTrail Trail);
