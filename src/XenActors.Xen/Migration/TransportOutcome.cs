namespace XenActors.Xen.Migration;

/// <summary>What became of a sent record: delivered with the destination's reply, or lost with a reason.</summary>
public sealed record TransportOutcome(MigrationReply? Reply, string? Failure)
{
    public bool Delivered => Reply is not null;

    public static TransportOutcome Ok(MigrationReply reply) => new(reply, null);

    public static TransportOutcome Failed(string reason) => new(null, reason);
}
