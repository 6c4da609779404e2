using XenActors.Actor;

namespace XenActors.Cluster.Events;

/// <summary>A snapshot of membership as this node sees it (sent first to subscribers that ask for a snapshot).</summary>
public sealed record CurrentClusterState(IReadOnlyList<Member> Members, IReadOnlySet<Member> Unreachable, Address? Leader) : IClusterDomainEvent
{
    public static readonly CurrentClusterState Empty = new([], new HashSet<Member>(), null);
}
