namespace XenActors.Xen.Ioemu.Messages;

public sealed record PciViewDump(string Text);
