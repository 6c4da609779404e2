namespace XenActors.Remote.Serialization;

/// <summary>Serializer ids, numbered as Akka's where the role is the same (ids 1-100 are reserved for the runtime).</summary>
public static class SerializerIds
{
    /// <summary>System.Text.Json with source-generated type info (Akka: 1 = JSON).</summary>
    public const int Json = 1;

    /// <summary>Raw byte arrays (Akka: 4).</summary>
    public const int Bytes = 4;

    /// <summary>Cluster protocol messages (Akka: 5).</summary>
    public const int Cluster = 5;

    /// <summary>ActorSelectionMessage containers (Akka: 6).</summary>
    public const int Selection = 6;

    /// <summary>Identify, ActorIdentity, PoisonPill, Kill, Status.* (Akka: 16).</summary>
    public const int Misc = 16;

    /// <summary>string, int, long, bool (Akka: 17).</summary>
    public const int Primitives = 17;

    /// <summary>Watch, Unwatch, DeathWatchNotification (Akka: 22).</summary>
    public const int SystemMessages = 22;
}
