namespace XenActors.Cluster.Events;

/// <summary>The member is now Up (moved by the leader).</summary>
public sealed record MemberUp(Member Member) : MemberEvent(Member);
