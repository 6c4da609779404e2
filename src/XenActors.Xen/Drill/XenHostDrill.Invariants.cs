using System.Globalization;
using System.Text.RegularExpressions;
using XenActors.Actor;
using XenActors.Xen.Network;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Drill;

// What a drill must leave behind (shared/DESIGN.md "Invariants", issue #7 point 4), checked from the outside.
public sealed partial class XenHostDrill
{
    public async Task<HostSnapshot> SnapshotAsync(string host)
    {
        var h = hosts[host];
        var listing = await h.Host.XenStore.Ask<XsListing>(new XsList("/local/domain"), TimeSpan.FromSeconds(10));
        var names = guests.Keys.ToHashSet();
        return h.Gate.Run(hv => new HostSnapshot(
            host,
            [.. hv.Domains.Where(d => names.Contains(d.Name) && d.IsAlive).Select(d => (d.Name, d.Id, d.State, (IReadOnlyList<PciAddress>)[.. d.AssignedDevices.Order()]))],
            [.. hv.Devices.Where(d => d.Owner == DomainIds.Io).Select(d => d.Address).Order()],
            listing.Entries.ToDictionary(e => e.Path, e => e.Value, StringComparer.Ordinal),
            hv.CheckInvariants(),
            [.. hv.Devices.Select(d => (d.Address, d.Owner))],
            hv.Domains.Where(d => d.IsAlive).Select(d => d.Id).ToHashSet()));
    }

    /// <summary>
    /// Violations after a drill, empty when all hold: every function owned by exactly one of host, pool or a live
    /// domain; every pci backend directory has a live frontend domain with its frontend directory, and vice versa;
    /// each guest runs on exactly one host, with its XenStore home there only, both devices attached, the bond on
    /// the physical path and its memory intact. With <paramref name="before"/> (the drill failed) also: the guest
    /// is where it was with the same functions, and the pools are as they were.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckInvariantsAsync(IReadOnlyDictionary<string, HostSnapshot>? before = null)
    {
        var violations = new List<string>();
        var snapshots = new Dictionary<string, HostSnapshot>();
        foreach (var host in hosts.Keys)
            snapshots[host] = await SnapshotAsync(host);
        foreach (var s in snapshots.Values)
        {
            violations.AddRange(s.HypervisorViolations.Select(v => $"{s.Host}: hypervisor: {v}"));
            foreach (var (address, owner) in s.Owners)
            {
                if (owner != DomainIds.Dom0 && owner != DomainIds.Io && !s.Domains.Contains(owner))
                    violations.Add($"{s.Host}: {address} owned by dead domain {owner}");
            }

            foreach (var path in s.Store.Keys)
            {
                if (BackendDir().Match(path) is { Success: true } be)
                {
                    var fe = int.Parse(be.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (!s.Domains.Contains(fe) || !s.HasPath(FormattableString.Invariant($"/local/domain/{fe}/device/pci/0")))
                        violations.Add($"{s.Host}: backend {path} has no live frontend");
                }
                else if (FrontendDir().Match(path) is { Success: true } fe)
                {
                    var domid = int.Parse(fe.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (!s.Domains.Contains(domid) || !s.Store.TryGetValue(path + "/backend", out var backend) || !s.HasPath(backend))
                        violations.Add($"{s.Host}: frontend {path} has no backend");
                }
            }
        }

        foreach (var g in guests.Values)
        {
            var running = snapshots.Values.Where(s => s.Guest(g.Name) is { State: Hypervisor.DomainState.Running }).Select(s => s.Host).ToList();
            if (running.Count != 1)
            {
                violations.Add($"{g.Name} runs on {running.Count} hosts");
                continue;
            }

            var host = running[0];
            var domain = snapshots[host].Guest(g.Name)!.Value;
            if (host != g.Host || domain.Domid != g.Domid)
                violations.Add($"{g.Name} runs as dom {domain.Domid} on {host}, the drill says dom {g.Domid} on {g.Host}");
            if (domain.Devices.Count != 3)
                violations.Add($"{g.Name} owns {domain.Devices.Count} functions on {host}, not 3");
            if (!snapshots[host].HasPath(FormattableString.Invariant($"/local/domain/{domain.Domid}/name")))
                violations.Add($"{g.Name} has no XenStore home on {host}");
            foreach (var other in snapshots.Values.Where(s => s.Host != host))
            {
                if (other.Store.Any(p => p.Key.EndsWith("/name", StringComparison.Ordinal) && p.Value == g.Name))
                    violations.Add($"{g.Name} still has a XenStore home on {other.Host}");
            }

            if (BondPath(g.Name) != NicPath.Physical)
                violations.Add($"{g.Name}'s bond is on {BondPath(g.Name)?.ToString() ?? "no"} path");
            if (!g.Workload.MemoryIntact())
                violations.Add($"{g.Name}'s memory differs from what its workload wrote");
            if (before is null)
                continue;
            var was = before[host].Guest(g.Name);
            if (was is null)
                violations.Add($"{g.Name} moved to {host} although the drill failed");
            else if (!was.Value.Devices.SequenceEqual(domain.Devices))
                violations.Add($"{g.Name} owns {string.Join(",", domain.Devices)} after a failed drill, had {string.Join(",", was.Value.Devices)}");
        }

        if (before is not null)
        {
            foreach (var s in snapshots.Values.Where(s => !before[s.Host].Pool.SequenceEqual(s.Pool)))
                violations.Add($"{s.Host}: pool is {string.Join(",", s.Pool)} after a failed drill, was {string.Join(",", before[s.Host].Pool)}");
        }

        return violations;
    }

    public async Task<IReadOnlyDictionary<string, HostSnapshot>> SnapshotAllAsync()
    {
        var all = new Dictionary<string, HostSnapshot>();
        foreach (var host in hosts.Keys)
            all[host] = await SnapshotAsync(host);
        return all;
    }

    [GeneratedRegex(@"^/local/domain/\d+/backend/pci/(\d+)/0$")]
    private static partial Regex BackendDir();

    [GeneratedRegex(@"^/local/domain/(\d+)/device/pci/0$")]
    private static partial Regex FrontendDir();
}
