namespace XenActors.Cluster.Events;

/// <summary>Marker of every cluster event (Akka's ClusterEvent.IClusterDomainEvent); subscribe to it for all.</summary>
public interface IClusterDomainEvent;
