namespace XenActors.Cluster.Events;

/// <summary>The member is now Joining.</summary>
public sealed record MemberJoined(Member Member) : MemberEvent(Member);
