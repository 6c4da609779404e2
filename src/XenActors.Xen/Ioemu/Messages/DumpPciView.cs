namespace XenActors.Xen.Ioemu.Messages;

/// <summary>
/// Renders every pass-through function (and virtual root port) as <c>lspci -xxxx</c> text: the guest's
/// view at guest addresses, or with <see cref="Physical"/> the host functions as dom0 sees them.
/// Answered by <see cref="PciViewDump"/>.
/// </summary>
public sealed record DumpPciView(bool Physical);
