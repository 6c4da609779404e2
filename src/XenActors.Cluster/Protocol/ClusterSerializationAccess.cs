using XenActors.Remote.Serialization;

namespace XenActors.Cluster.Protocol;

/// <summary>Lets a non-member (a CLI client) speak the cluster protocol: registers its messages with a registry.</summary>
public static class ClusterSerializationAccess
{
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ClusterSerialization.Register(registry);
    }
}
