using XenActors.Actor;

namespace XenActors.Cluster.Events;

/// <summary>The leader (as this node sees it) changed; null when there is none.</summary>
public sealed record LeaderChanged(Address? Leader) : IClusterDomainEvent;
