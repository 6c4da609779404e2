using XenActors.Remote.Serialization;

namespace XenActors.Cluster.Protocol;

/// <summary>Registers the cluster protocol with stable manifests ("cluster.*"); the manifests must never change.</summary>
internal static class ClusterSerialization
{
    public static void Register(SerializerRegistry registry)
    {
        if (registry.IsRegistered(typeof(Heartbeat))) return;
        var c = ClusterJsonContext.Default;
        registry.RegisterJson("cluster.InitJoin", c.InitJoin);
        registry.RegisterJson("cluster.InitJoinAck", c.InitJoinAck);
        registry.RegisterJson("cluster.InitJoinNack", c.InitJoinNack);
        registry.RegisterJson("cluster.Join", c.Join);
        registry.RegisterJson("cluster.Welcome", c.Welcome);
        registry.RegisterJson("cluster.Gossip", c.GossipEnvelope);
        registry.RegisterJson("cluster.Heartbeat", c.Heartbeat);
        registry.RegisterJson("cluster.Leave", c.Leave);
        registry.RegisterJson("cluster.Down", c.Down);
        registry.RegisterJson("cluster.GetState", c.GetState);
        registry.RegisterJson("cluster.StateSnapshot", c.ClusterStateSnapshot);
        Control.NodeControl.Register(registry);
    }
}
