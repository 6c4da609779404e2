namespace XenActors.Cluster.Events;

/// <summary>A member that was unreachable is heard from again by everyone that suspected it.</summary>
public sealed record ReachableMember(Member Member) : ReachabilityEvent(Member);
