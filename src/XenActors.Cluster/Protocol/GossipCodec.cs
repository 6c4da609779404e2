using XenActors.Actor;

namespace XenActors.Cluster.Protocol;

/// <summary>Gossip to and from its wire form. Anything that does not parse is an error naming the field, never a crash.</summary>
internal static class GossipCodec
{
    public static UniqueAddressDto ToDto(UniqueAddress node) => new(node.Address.ToString(), node.Uid);

    public static UniqueAddress FromDto(UniqueAddressDto? dto)
    {
        if (dto is null) throw new FormatException("a node is missing");
        if (!Address.TryParse(dto.Address ?? "", out var address, out var error) || address.Host is null)
        {
            throw new FormatException($"node address '{dto.Address}': {(error.Length > 0 ? error : "no host:port")}");
        }
        if (dto.Uid == 0) throw new FormatException($"node {dto.Address} has uid 0");
        return new UniqueAddress(address, dto.Uid);
    }

    public static GossipDto ToDto(Gossip gossip) => new(
        [.. gossip.Members.Values.Select(m => new MemberDto(m.Address.ToString(), m.UniqueAddress.Uid, m.Status, [.. m.Roles], m.UpNumber))],
        [.. gossip.Removed.Select(ToDto)],
        [.. gossip.Reachability.Select(r => new ReachabilityDto(ToDto(r.Key.Observer), ToDto(r.Key.Subject), r.Value.Unreachable, r.Value.Version))]);

    public static Gossip FromDto(GossipDto? dto)
    {
        if (dto is null) throw new FormatException("gossip is missing");
        var members = new Dictionary<UniqueAddress, Member>();
        foreach (var m in dto.Members ?? [])
        {
            if (m is null) throw new FormatException("a member entry is null");
            if (!Enum.IsDefined(m.Status) || m.Status == MemberStatus.Removed) throw new FormatException($"member {m.Address} has status {m.Status}");
            var node = FromDto(new UniqueAddressDto(m.Address, m.Uid));
            members[node] = new Member(node, m.Status, m.Roles ?? [], Math.Max(0, m.UpNumber));
        }
        var removed = new HashSet<UniqueAddress>((dto.Removed ?? []).Select(FromDto));
        var rows = new Dictionary<(UniqueAddress, UniqueAddress), ReachabilityRecord>();
        foreach (var r in dto.Reachability ?? [])
        {
            if (r is null) throw new FormatException("a reachability entry is null");
            rows[(FromDto(r.Observer), FromDto(r.Subject))] = new ReachabilityRecord(r.Unreachable, r.Version);
        }
        foreach (var gone in removed) members.Remove(gone);
        return new Gossip(members, removed, rows);
    }
}
