namespace XenActors.Cluster.Events;

/// <summary>The member is Exiting (about to be removed).</summary>
public sealed record MemberExited(Member Member) : MemberEvent(Member);
