namespace XenActors.Cluster.Events;

/// <summary>The member is Leaving (it asked to leave).</summary>
public sealed record MemberLeft(Member Member) : MemberEvent(Member);
