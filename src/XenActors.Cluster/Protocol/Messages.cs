// The cluster protocol is a closed family of small records; one file keeps the protocol readable at a glance.
#pragma warning disable CA1812, CA1819

namespace XenActors.Cluster.Protocol;

/// <summary>A joining node asks a seed whether it is part of a cluster (Akka's InitJoin).</summary>
internal sealed record InitJoin(string From);

internal sealed record InitJoinAck(string Address);

internal sealed record InitJoinNack(string Address);

/// <summary>Asks a member to add the sender as Joining.</summary>
internal sealed record Join(UniqueAddressDto Node, string[] Roles);

/// <summary>The answer to Join: the current membership, so the new node starts from it.</summary>
internal sealed record Welcome(UniqueAddressDto From, GossipDto Gossip);

/// <summary>Full-state gossip plus the sender's digest of it (so the receiver knows what the sender has seen).</summary>
internal sealed record GossipEnvelope(UniqueAddressDto From, GossipDto Gossip, string Digest);

internal sealed record Heartbeat(UniqueAddressDto From);
