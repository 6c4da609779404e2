namespace XenActors.Remote.Wire;

/// <summary>The first byte of every frame (Akka's AkkaControlMessage CommandType plus the payload case).</summary>
public enum PduKind : byte
{
    Associate = 1,
    Disassociate = 2,
    Heartbeat = 3,
    Envelope = 4,
}
