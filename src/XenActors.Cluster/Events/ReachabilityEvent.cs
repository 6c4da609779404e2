namespace XenActors.Cluster.Events;

/// <summary>Base of UnreachableMember and ReachableMember.</summary>
public abstract record ReachabilityEvent(Member Member) : IClusterDomainEvent;
