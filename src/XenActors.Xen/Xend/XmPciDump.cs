namespace XenActors.Xen.Xend;

/// <summary>
/// xm pci-dump: the configuration space of every function attached to the domain, as <c>lspci -xxxx</c> text
/// (one <see cref="XmResult.Lines"/> entry per text line) — the guest's view at the guest's addresses, or with
/// <see cref="Physical"/> the host functions behind them at their physical addresses. Answered with an
/// <see cref="XmResult"/>.
/// </summary>
public sealed record XmPciDump(int Domid, bool Physical = false);
