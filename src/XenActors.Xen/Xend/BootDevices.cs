namespace XenActors.Xen.Xend;

/// <summary>xend to a new guest's controller: attach the config's pci = [...] while the domain is built. Answered with an <see cref="XmResult"/>.</summary>
internal sealed record BootDevices(IReadOnlyList<string> Specs);
