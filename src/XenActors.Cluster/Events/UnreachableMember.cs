namespace XenActors.Cluster.Events;

/// <summary>Some member's failure detector suspects this member.</summary>
public sealed record UnreachableMember(Member Member) : ReachabilityEvent(Member);
