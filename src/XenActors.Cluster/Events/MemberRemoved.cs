namespace XenActors.Cluster.Events;

/// <summary>The member is gone for good; <paramref name="PreviousStatus"/> says whether it left (Exiting) or was downed.</summary>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);
