using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu;

/// <summary>What plugging a device gave: the refusal (nothing changed) or the new slot, and the trail with the hypervisor hops.</summary>
internal sealed record PlugOutcome(string? Refusal, SlotEntry? Entry, HotplugTrail Trail);
