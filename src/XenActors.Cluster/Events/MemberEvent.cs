namespace XenActors.Cluster.Events;

/// <summary>A member changed status (Akka's ClusterEvent.MemberStatusChange); subscribe to it for every status event.</summary>
public abstract record MemberEvent(Member Member) : IClusterDomainEvent;
