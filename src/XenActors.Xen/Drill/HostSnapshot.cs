using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Drill;

/// <summary>
/// One host as a drill check sees it: its guest domains (name → domid, state, functions), its assignable pool,
/// and its XenStore (path → value) under /local/domain.
/// </summary>
public sealed record HostSnapshot(
    string Host,
    IReadOnlyList<(string Name, int Domid, DomainState State, IReadOnlyList<PciAddress> Devices)> Guests,
    IReadOnlyList<PciAddress> Pool,
    IReadOnlyDictionary<string, string> Store,
    IReadOnlyList<string> HypervisorViolations,
    IReadOnlyList<(PciAddress Address, int Owner)> Owners,
    IReadOnlySet<int> Domains)
{
    public (string Name, int Domid, DomainState State, IReadOnlyList<PciAddress> Devices)? Guest(string name) =>
        Guests.Where(g => g.Name == name).Select(g => ((string, int, DomainState, IReadOnlyList<PciAddress>)?)g).FirstOrDefault();

    public bool HasPath(string path) => Store.ContainsKey(path);
}
