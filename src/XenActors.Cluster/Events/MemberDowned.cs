namespace XenActors.Cluster.Events;

/// <summary>The member is marked Down (by the downing strategy or a user).</summary>
public sealed record MemberDowned(Member Member) : MemberEvent(Member);
