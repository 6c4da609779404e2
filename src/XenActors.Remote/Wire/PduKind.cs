namespace XenActors.Remote.Wire;

/// <summary>The first byte of every frame (Akka's AkkaControlMessage CommandType plus the payload case).</summary>
public enum PduKind : byte
{
    Associate = 1,
    Disassociate = 2,
    Heartbeat = 3,
    Envelope = 4,

    /// <summary>The receiver names a shared ring for the sender to write into from now on (same machine only).</summary>
    RingOffer = 5,

    /// <summary>The sender's last frame on the socket: what follows comes through the offered ring.</summary>
    RingSwitch = 6,
}
