namespace XenActors.Xen.Ioemu.Messages;

/// <summary>
/// The value read (all ones when nothing answers, as a master abort) and what ioemu had to say about
/// the access: refused power states, inhibited writes, rejected offsets.
/// </summary>
public sealed record ConfigAccessReply(uint Value, bool Ok, IReadOnlyList<string> Notes);
