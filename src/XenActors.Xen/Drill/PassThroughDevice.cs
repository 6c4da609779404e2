using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Drill;

/// <summary>A PCI function passed through to a guest on a host; <paramref name="Kind"/> is what "matching" means on another host (e.g. nic).</summary>
public sealed record PassThroughDevice(string Host, Sbdf Address, string Kind)
{
    public override string ToString() => $"{Host}/{Address}";
}
