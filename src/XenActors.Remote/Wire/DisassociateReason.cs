namespace XenActors.Remote.Wire;

/// <summary>Why a peer closes an association (Akka's DISASSOCIATE / _SHUTTING_DOWN / _QUARANTINED, plus refusals).</summary>
public enum DisassociateReason : byte
{
    Unknown = 0,
    ShuttingDown = 1,
    Quarantined = 2,
    HandshakeRefused = 3,
    Duplicate = 4,
}
