using System.Text;

namespace XenActors.Cluster;

/// <summary>
/// The membership state every node holds, built as a join-semilattice so that merging two views is
/// order-insensitive and converges without vector clocks:
/// <list type="bullet">
/// <item>members merge by taking the later status (statuses only move forward; Down and Removed win);</item>
/// <item>removed members are kept as tombstones so an old view cannot bring them back;</item>
/// <item>reachability is one row per observer→subject, written only by its observer with a growing version.</item>
/// </list>
/// Immutable: every change returns a new instance.
/// </summary>
internal sealed class Gossip
{
    public static readonly Gossip Empty = new(new Dictionary<UniqueAddress, Member>(), new HashSet<UniqueAddress>(), new Dictionary<(UniqueAddress, UniqueAddress), ReachabilityRecord>());

    private string? _digest;

    public Gossip(
        IReadOnlyDictionary<UniqueAddress, Member> members,
        IReadOnlySet<UniqueAddress> removed,
        IReadOnlyDictionary<(UniqueAddress Observer, UniqueAddress Subject), ReachabilityRecord> reachability)
    {
        Members = members;
        Removed = removed;
        Reachability = reachability;
    }

    public IReadOnlyDictionary<UniqueAddress, Member> Members { get; }
    public IReadOnlySet<UniqueAddress> Removed { get; }
    public IReadOnlyDictionary<(UniqueAddress Observer, UniqueAddress Subject), ReachabilityRecord> Reachability { get; }

    /// <summary>Members some live observer currently marks unreachable.</summary>
    public IReadOnlySet<UniqueAddress> Unreachable()
    {
        var result = new HashSet<UniqueAddress>();
        foreach (var ((observer, subject), record) in Reachability)
        {
            if (record.Unreachable && Members.TryGetValue(observer, out var o) && o.Status < MemberStatus.Down && Members.ContainsKey(subject))
            {
                result.Add(subject);
            }
        }
        return result;
    }

    public Gossip WithMember(Member member)
    {
        if (Removed.Contains(member.UniqueAddress)) return this;
        var members = new Dictionary<UniqueAddress, Member>(Members) { [member.UniqueAddress] = member };
        return new Gossip(members, Removed, Reachability);
    }

    /// <summary>Moves a member forward to <paramref name="status"/> (never backward); Removed becomes a tombstone.</summary>
    public Gossip WithStatus(UniqueAddress node, MemberStatus status, int upNumber = 0)
    {
        if (!Members.TryGetValue(node, out var member) || member.Status >= status) return this;
        if (status == MemberStatus.Removed)
        {
            var members = new Dictionary<UniqueAddress, Member>(Members);
            members.Remove(node);
            var removed = new HashSet<UniqueAddress>(Removed) { node };
            var rows = Reachability.Where(r => r.Key.Observer != node && r.Key.Subject != node).ToDictionary();
            return new Gossip(members, removed, rows);
        }
        return WithMember(member with { Status = status, UpNumber = upNumber > 0 ? upNumber : member.UpNumber });
    }

    public Gossip WithReachability(UniqueAddress observer, UniqueAddress subject, bool unreachable)
    {
        if (Removed.Contains(observer) || Removed.Contains(subject)) return this;
        var key = (observer, subject);
        var version = Reachability.TryGetValue(key, out var old) ? old.Version + 1 : 1;
        if (old is not null && old.Unreachable == unreachable) return this;
        var rows = new Dictionary<(UniqueAddress, UniqueAddress), ReachabilityRecord>(Reachability) { [key] = new ReachabilityRecord(unreachable, version) };
        return new Gossip(Members, Removed, rows);
    }

    public Gossip Merge(Gossip other)
    {
        var removed = new HashSet<UniqueAddress>(Removed);
        removed.UnionWith(other.Removed);
        var members = new Dictionary<UniqueAddress, Member>();
        foreach (var source in new[] { Members, other.Members })
        {
            foreach (var (node, member) in source)
            {
                if (removed.Contains(node)) continue;
                members[node] = members.TryGetValue(node, out var seen) ? Later(seen, member) : member;
            }
        }
        var rows = new Dictionary<(UniqueAddress, UniqueAddress), ReachabilityRecord>();
        foreach (var source in new[] { Reachability, other.Reachability })
        {
            foreach (var (key, record) in source)
            {
                if (removed.Contains(key.Observer) || removed.Contains(key.Subject)) continue;
                // Only the observer writes its row, so equal versions agree; the tie rule just keeps merge commutative.
                if (!rows.TryGetValue(key, out var seen) || record.Version > seen.Version || (record.Version == seen.Version && record.Unreachable)) rows[key] = record;
            }
        }
        return new Gossip(members, removed, rows);
    }

    private static Member Later(Member a, Member b)
    {
        var later = a.Status >= b.Status ? a : b;
        // Two leaders of a partition could both number a member; the lowest number wins everywhere.
        var up = a.UpNumber > 0 && b.UpNumber > 0 ? Math.Min(a.UpNumber, b.UpNumber) : Math.Max(a.UpNumber, b.UpNumber);
        return later.UpNumber == up ? later : later with { UpNumber = up };
    }

    /// <summary>A stable fingerprint (same on every process for the same state), used to see who has seen what.</summary>
    public string Digest => _digest ??= ComputeDigest();

    private string ComputeDigest()
    {
        var sb = new StringBuilder();
        foreach (var m in Members.Values.OrderBy(m => m.UniqueAddress)) sb.Append(m.UniqueAddress).Append('=').Append((int)m.Status).Append('/').Append(m.UpNumber).Append(';');
        sb.Append('|');
        foreach (var r in Removed.Order()) sb.Append(r).Append(';');
        sb.Append('|');
        foreach (var (key, record) in Reachability.OrderBy(r => r.Key.Observer).ThenBy(r => r.Key.Subject))
        {
            sb.Append(key.Observer).Append('>').Append(key.Subject).Append('=').Append(record.Unreachable ? 'U' : 'R').Append(record.Version).Append(';');
        }
        // FNV-1a 64: deterministic across processes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(sb.ToString()))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
