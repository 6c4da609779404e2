namespace XenActors.Xen.Network;

/// <summary>A frame of the drill's traffic: numbered so the sink can find gaps and duplicates, stamped with the path that carried it.</summary>
public sealed record Packet(long Sequence, string SourceMac, DateTimeOffset SentAt)
{
    /// <summary>Set by the slave that put it on the wire.</summary>
    public NicPath? Path { get; init; }
}
