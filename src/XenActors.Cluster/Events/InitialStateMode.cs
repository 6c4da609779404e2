namespace XenActors.Cluster.Events;

/// <summary>What a new subscriber gets first (Akka's SubscriptionInitialStateMode).</summary>
public enum InitialStateMode
{
    /// <summary>One <see cref="CurrentClusterState"/>.</summary>
    InitialStateAsSnapshot,

    /// <summary>The events that would rebuild the current state (MemberUp for each Up member, ...).</summary>
    InitialStateAsEvents,
}
