namespace XenActors.Cluster.Events;

/// <summary>The member is Up without convergence.</summary>
public sealed record MemberWeaklyUp(Member Member) : MemberEvent(Member);
