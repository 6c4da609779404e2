using XenActors.Actor;

namespace XenActors.Remote.Transport;

/// <summary>One queued send: a user or system message for a remote recipient, or a control frame (recipient null).</summary>
internal readonly record struct Outbound(RemoteActorRef? Recipient, object Message, IActorRef? Sender, long EnqueuedAt);

/// <summary>
/// Control frames that travel through the same queue so the writer stays the only writer. A ring offer or switch
/// belongs to one <paramref name="Connection"/> and is dropped if another has replaced it by the time it is written.
/// </summary>
internal sealed record ControlFrame(
    Wire.PduKind Kind,
    Wire.DisassociateReason Reason = Wire.DisassociateReason.Unknown,
    Connection? Connection = null,
    string? RingName = null,
    SharedRing? Ring = null)
{
    public static readonly ControlFrame Heartbeat = new(Wire.PduKind.Heartbeat);
}
