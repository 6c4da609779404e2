namespace XenActors.Xen.Hvm;

/// <summary>Virtual BIOS → guest kernel: Notify(S<paramref name="Slot"/>, <paramref name="Code"/>): 1 device check, 3 eject request.</summary>
public sealed record AcpiNotify(int Slot, int Code, HotplugTrail Trail);
