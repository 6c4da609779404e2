namespace XenActors.Xen.Hvm;

/// <summary>ioemu → virtual BIOS: GPE0 status bit <paramref name="Bit"/> is set because <paramref name="Slot"/> changed; run _E01.</summary>
public sealed record AcpiGpe(int Bit, int Slot, HotplugTrail Trail);
